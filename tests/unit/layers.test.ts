/**
 * Holds the import rules of DESIGN.md §1:
 * ui -> api only · core -> api · electron, web, cli -> core, api · api -> zod ·
 * never core -> electron|react|ui, never ui -> core.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')

function files(dir: string): string[] {
  const abs = path.join(root, dir)
  if (!fs.existsSync(abs)) return []
  const out: string[] = []
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...files(rel))
    else if (/\.(ts|tsx|mts)$/.test(e.name)) out.push(rel)
  }
  return out
}

/** every module specifier imported or re-exported by a file */
function imports(file: string): string[] {
  const src = fs.readFileSync(path.join(root, file), 'utf8')
  const out: string[] = []
  const re = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g
  for (const m of src.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3])
  return out
}

/** the top-level layer a specifier lands in: api, core, ui, web, cli, electron, resources, or a package name */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
  const abs = path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec))
  const parts = abs.split(path.sep)
  if (parts[0] === 'src') return parts[1]
  return parts[0]
}

function violations(dir: string, allowed: (t: string) => boolean): string[] {
  const bad: string[] = []
  for (const f of files(dir)) for (const spec of imports(f)) if (!allowed(target(f, spec))) bad.push(`${f} imports ${spec}`)
  return bad
}

const LAYERS = new Set(['api', 'core', 'ui', 'web', 'cli', 'electron'])

describe('layer rules (DESIGN.md §1)', () => {
  it('api imports zod only (and itself)', () => {
    expect(violations('src/api', (t) => t === 'zod' || t === 'api')).toEqual([])
  })
  it('core never imports electron, react, ui, web or cli', () => {
    expect(violations('src/core', (t) => !['electron', 'react', 'react-dom', 'antd', 'ui', 'web', 'cli'].includes(t))).toEqual([])
  })
  it('ui imports api only among the layers, and never node built-ins or native modules', () => {
    expect(
      violations('src/ui', (t) => !(LAYERS.has(t) && t !== 'api' && t !== 'ui') && !t.startsWith('node:') && !['better-sqlite3', 'drizzle-orm', 'fs', 'path', 'electron'].includes(t))
    ).toEqual([])
  })
  it('web and cli use core and api, never ui or electron', () => {
    expect(violations('src/web', (t) => !['ui', 'electron', 'cli'].includes(t))).toEqual([])
    expect(violations('src/cli', (t) => !['ui', 'electron', 'web'].includes(t))).toEqual([])
  })
  it('the electron shell never imports the ui', () => {
    expect(violations('electron', (t) => t !== 'ui')).toEqual([])
  })
  it('the checker sees a violation when there is one', () => {
    expect(target('src/ui/app/x.ts', '../../core/host')).toBe('core')
    expect(target('src/core/x.ts', 'electron')).toBe('electron')
    expect(imports('tests/unit/layers.test.ts')).toContain('vitest')
  })
})
