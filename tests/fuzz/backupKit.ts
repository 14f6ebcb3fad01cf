/**
 * Mutations of the backup files an administrator restores, for the backup fuzz: a plain backup
 * (an SQLite file) changed in its header fields, its page size, a page's header or bytes, whole
 * pages, its length, or in its rows through SQL (a file that is still SQLite but not what it
 * claims); an encrypted export ("SDBAK1" + length + JSON header + AES-GCM ciphertext) changed in
 * its magic, length, header fields, salt, nonce, tag and ciphertext, or sealed again around a
 * mutated database so the mutation reaches the restore behind the encryption.
 *
 * And a database's content digest (every table's rows, order-free) to tell an untouched live
 * database, and a restore that put exactly the file's rows in place.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createCipheriv, createHash, randomBytes, scryptSync } from 'node:crypto'
import Database from 'better-sqlite3'
import { mutateBytesMany, mutateJson, mutateText, type Rng } from './mutate'

export type Digest = Record<string, string>

/** every table's rows (sorted, so the order pages hold them in does not matter); audit_log up to `auditUpTo` */
export function digestOf(db: Database.Database, auditUpTo = Number.MAX_SAFE_INTEGER): Digest {
  const out: Digest = {}
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
  for (const { name } of tables) {
    const rows = (name === 'audit_log' ? db.prepare('SELECT * FROM audit_log WHERE seq <= ?').all(auditUpTo) : db.prepare(`SELECT * FROM "${name}"`).all()).map((r) =>
      JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? v.toString('hex') : v))
    )
    out[name] = createHash('sha256').update(rows.sort().join('\n')).digest('hex')
  }
  return out
}

export function withFile<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

export interface Mutant {
  bytes: Buffer
  how: string
}

const HEADER_FIELDS: { at: number; size: number; name: string; values: number[] }[] = [
  { at: 16, size: 2, name: 'page size', values: [0, 1, 512, 1024, 2048, 8192, 16384, 32768, 1, 4095, 0xffff] },
  { at: 18, size: 1, name: 'write version', values: [0, 2, 3, 0xff] },
  { at: 19, size: 1, name: 'read version', values: [0, 2, 3, 0xff] },
  { at: 20, size: 1, name: 'reserved bytes', values: [1, 8, 32, 0xff] },
  { at: 21, size: 1, name: 'max payload fraction', values: [0, 63, 65, 0xff] },
  { at: 24, size: 4, name: 'change counter', values: [0, 1, 0xffffffff] },
  { at: 28, size: 4, name: 'size in pages', values: [0, 1, 2, 10, 100000, 0xffffffff] },
  { at: 32, size: 4, name: 'first freelist page', values: [0, 1, 2, 3, 100000] },
  { at: 36, size: 4, name: 'freelist pages', values: [0, 1, 5, 100000] },
  { at: 40, size: 4, name: 'schema cookie', values: [0, 1, 0xffffffff] },
  { at: 44, size: 4, name: 'schema format', values: [0, 1, 2, 3, 5, 0xff] },
  { at: 48, size: 4, name: 'default cache size', values: [0, 1, 0xffffffff] },
  { at: 52, size: 4, name: 'autovacuum root', values: [1, 2, 100000] },
  { at: 56, size: 4, name: 'text encoding', values: [0, 2, 3, 4] },
  { at: 60, size: 4, name: 'user version', values: [1, 0xffffffff] },
  { at: 64, size: 4, name: 'incremental vacuum', values: [1, 2] },
  { at: 68, size: 4, name: 'application id', values: [1, 0x5344] },
  { at: 92, size: 4, name: 'version-valid-for', values: [0, 1, 0xffffffff] },
  { at: 96, size: 4, name: 'sqlite version', values: [0, 3000000, 0xffffffff] }
]

/** a plain backup changed where SQLite's structure lives, or anywhere */
export function mutateSqlite(src: Buffer, r: Rng): Mutant {
  const b = Buffer.from(src)
  const pageSize = b.readUInt16BE(16) === 1 ? 65536 : b.readUInt16BE(16)
  const pages = Math.floor(b.length / pageSize)
  const page = r.int(pages)
  const off = page * pageSize
  switch (r.int(9)) {
    case 0:
    case 1: {
      const f = r.pick(HEADER_FIELDS)
      const v = r.pick(f.values)
      if (f.size === 1) b.writeUInt8(v & 0xff, f.at)
      else if (f.size === 2) b.writeUInt16BE(v & 0xffff, f.at)
      else b.writeUInt32BE(v >>> 0, f.at)
      return { bytes: b, how: `header ${f.name} (byte ${f.at}) = ${v}` }
    }
    case 2: {
      // the b-tree page header: type, first freeblock, cell count, cell content start, fragmented bytes, right child
      const hdr = page === 0 ? 100 : 0
      const at = off + hdr + r.int(12)
      b[at] = r.pick([0, 1, 2, 5, 10, 13, 0xff, b[at] ^ (1 << r.int(8))])
      return { bytes: b, how: `page ${page + 1} header byte ${at - off - hdr} = ${b[at]}` }
    }
    case 3: {
      const m = mutateBytesMany(b.subarray(off, off + pageSize), r)
      const body = m.bytes.length >= pageSize ? m.bytes.subarray(0, pageSize) : Buffer.concat([m.bytes, Buffer.alloc(pageSize - m.bytes.length)])
      body.copy(b, off)
      return { bytes: b, how: `page ${page + 1} of ${pages} (size kept): ${m.how}` }
    }
    case 4: {
      const fill = r.pick([0, 0xff, 0x41])
      b.fill(fill, off, off + pageSize)
      return { bytes: b, how: `page ${page + 1} of ${pages} filled with ${fill}` }
    }
    case 5: {
      const other = r.int(pages)
      const tmp = Buffer.from(b.subarray(off, off + pageSize))
      b.copy(b, off, other * pageSize, other * pageSize + pageSize)
      if (r.next() < 0.5) tmp.copy(b, other * pageSize)
      return { bytes: b, how: `page ${other + 1} copied over page ${page + 1}` }
    }
    case 6: {
      const at = r.next() < 0.5 ? page * pageSize : r.int(b.length)
      return { bytes: b.subarray(0, at), how: `truncated to ${at} bytes (${b.length})` }
    }
    case 7: {
      const n = 1 + r.int(3)
      return { bytes: Buffer.concat([b, r.next() < 0.5 ? Buffer.alloc(n * pageSize) : randomBytes(n * pageSize - r.int(100))]), how: `${n} pages of junk appended` }
    }
    default: {
      const m = mutateBytesMany(b, r)
      return { bytes: m.bytes, how: `bytes: ${m.how}` }
    }
  }
}

/** SQL changes that leave a valid SQLite file which is not quite the database it claims to be */
const SQL_CHANGES: [string, string][] = [
  ['the newest migration row dropped (claims an older schema)', 'DELETE FROM __drizzle_migrations WHERE id = (SELECT max(id) FROM __drizzle_migrations)'],
  ['a migration row from the future', "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 99999999999999)"],
  ['the station row deleted', 'DELETE FROM station'],
  ['a second station row', "CREATE TEMP TABLE s2 AS SELECT * FROM station; UPDATE s2 SET id = id || 'x'; INSERT INTO station SELECT * FROM s2"],
  ['the users table dropped', 'DROP TABLE users'],
  ['the audit log emptied (its guard dropped first)', 'DROP TRIGGER IF EXISTS audit_log_no_delete; DELETE FROM audit_log'],
  ['an audit row altered (its guard dropped first)', "DROP TRIGGER IF EXISTS audit_log_no_update; UPDATE audit_log SET summary = summary || ' (altered)' WHERE seq = 2"],
  ['the persons table renamed', 'ALTER TABLE persons RENAME TO persons_old'],
  ['a stranger table added', 'CREATE TABLE intruder (x); INSERT INTO intruder VALUES (1)'],
  ['user_version set', 'PRAGMA user_version = 77'],
  ['an index dropped', 'DROP INDEX IF EXISTS verifications_number'],
  ['a person with an impossible id', "UPDATE persons SET id_number = '???' WHERE rowid = (SELECT min(rowid) FROM persons)"]
]

/** the plain backup with one SQL change (through a copy in `dir`) */
export function sqlMutant(src: Buffer, dir: string, r: Rng): Mutant {
  const [how, sql] = r.pick(SQL_CHANGES)
  const file = path.join(dir, `sql-mutant-${process.pid}.db`)
  fs.writeFileSync(file, src)
  const db = new Database(file)
  try {
    db.exec(sql)
  } catch (e) {
    db.close()
    return { bytes: fs.readFileSync(file), how: `sql (failed: ${(e as Error).message}): ${how}` }
  }
  db.close()
  const bytes = fs.readFileSync(file)
  fs.rmSync(file, { force: true })
  return { bytes, how: `sql: ${how}` }
}

const MAGIC = Buffer.from('SDBAK1', 'latin1')

interface Parts {
  header: Record<string, unknown>
  headerText: string
  ciphertext: Buffer
}

export function exportParts(buf: Buffer): Parts {
  const len = buf.readUInt32BE(6)
  const headerText = buf.subarray(10, 10 + len).toString('utf8')
  return { header: JSON.parse(headerText) as Record<string, unknown>, headerText, ciphertext: buf.subarray(10 + len) }
}

function assemble(headerText: string, ciphertext: Buffer, len?: number): Buffer {
  const h = Buffer.from(headerText, 'utf8')
  const l = Buffer.alloc(4)
  l.writeUInt32BE((len ?? h.length) >>> 0)
  return Buffer.concat([MAGIC, l, h, ciphertext])
}

/**
 * seals a database the way an export does (the same AAD), with a light scrypt (N=2^10) so that
 * a fuzz can afford it; the restore reads N from the header
 */
export function sealLight(plain: Buffer, passphrase: string): Buffer {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const params = { N: 1 << 10, r: 8, p: 1 }
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, params)
  const c = createCipheriv('aes-256-gcm', key, iv)
  c.setAAD(Buffer.concat([MAGIC, Buffer.from(JSON.stringify({ format: 'stationdesk-backup/1' }))]))
  const ciphertext = Buffer.concat([c.update(plain), c.final()])
  const header = { format: 'stationdesk-backup/1', kdf: 'scrypt', ...params, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64') }
  return assemble(JSON.stringify(header), ciphertext)
}

/** an encrypted export changed in one of its parts */
export function mutateExport(buf: Buffer, r: Rng): Mutant {
  const p = exportParts(buf)
  switch (r.int(8)) {
    case 0: {
      const b = Buffer.from(buf)
      b[r.int(6)] ^= 1 << r.int(8)
      return { bytes: b, how: 'magic' }
    }
    case 1: {
      const len = r.pick([0, 1, 2, p.headerText.length - 1, p.headerText.length + 1, 4096, 4097, 0xffffffff, buf.length])
      return { bytes: assemble(p.headerText, p.ciphertext, len), how: `header length ${len}` }
    }
    case 2: {
      const m = mutateText(p.headerText, r)
      return { bytes: assemble(m.text, p.ciphertext), how: `header text: ${m.how}` }
    }
    case 3: {
      const m = mutateJson(p.header, r)
      return { bytes: assemble(JSON.stringify(m.value) ?? '', p.ciphertext), how: `header json: ${m.how}` }
    }
    case 4: {
      const field = r.pick(['salt', 'iv', 'tag'])
      const raw = Buffer.from(String(p.header[field]), 'base64')
      const v = r.pick(['flip', 'short', 'long', 'empty', 'not base64', 'number'] as const)
      if (v === 'flip') raw[r.int(raw.length)] ^= 1 << r.int(8)
      const value = v === 'short' ? raw.subarray(0, r.int(raw.length)).toString('base64') : v === 'long' ? Buffer.concat([raw, randomBytes(1 + r.int(20))]).toString('base64') : v === 'empty' ? '' : v === 'not base64' ? '!!**不是**' : v === 'number' ? 12 : raw.toString('base64')
      return { bytes: assemble(JSON.stringify({ ...p.header, [field]: value }), p.ciphertext), how: `${field}: ${v}` }
    }
    case 5: {
      const field = r.pick(['N', 'r', 'p', 'kdf', 'format'])
      const value = r.pick<unknown>([0, 1, -1, 1.5, 3, 2 ** 20, 2 ** 21, 2 ** 31, 2 ** 53, 64, 1024, 'scrypt', 'pbkdf2', null, '16384', 'stationdesk-backup/2'])
      return { bytes: assemble(JSON.stringify({ ...p.header, [field]: value }), p.ciphertext), how: `${field} = ${JSON.stringify(value)}` }
    }
    case 6: {
      const m = mutateBytesMany(p.ciphertext, r)
      return { bytes: assemble(p.headerText, m.bytes), how: `ciphertext: ${m.how}` }
    }
    default: {
      const m = mutateBytesMany(buf, r)
      return { bytes: m.bytes, how: `bytes: ${m.how}` }
    }
  }
}
