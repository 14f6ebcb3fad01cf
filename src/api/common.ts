import { z } from 'zod'

/** Reusable field schemas. `rule` in params names the check for the UI's messages. */
export const text = (max = 100) => z.string().trim().max(max)
export const requiredText = (max = 100) => z.string().trim().min(1, { message: 'required' }).max(max)

export const phone = z
  .string()
  .trim()
  .regex(/^$|^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/, { message: 'phone' })

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number)
    const dt = new Date(Date.UTC(y, m - 1, d))
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
  }, { message: 'date' })

export const optionalDate = z.union([isoDate, z.literal('')]).optional().transform((v) => v || null)

export const id = z.string().min(1).max(64)

export const paging = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50)
}

export const password = z.string().min(8, { message: 'password_short' }).max(200)

export const empty = z.object({}).strict().optional().default({})
