import path from 'node:path'
import { writeFileAtomic } from '../core/files/atomic'
import type { CommandContext } from './command'
import { str } from './command'

/** writes a file the core produced, at --out or under its own name in the current folder (whole or not at all); returns its path */
export function writeOut(c: CommandContext, filename: string, base64: string): string {
  const file = path.resolve(c.io.cwd, str(c.opts, 'out') ?? filename)
  writeFileAtomic(file, Buffer.from(base64, 'base64'))
  return file
}
