/**
 * `npm run start:web -- [--data DIR] [--port N] [--demo]`: serves StationDesk to a browser
 * on 127.0.0.1 and prints the URL to open.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createHost } from '../core/host'
import { findAppRoot } from '../core/runtime'
import { resolveDataDir } from '../core/paths'
import { createDemoStation } from '../core/demo/demo'
import { DEFAULT_DEMO_PERSONS } from '../core/demo/persons'
import { startWebServer } from './server'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, port: { type: 'string' }, demo: { type: 'boolean', default: false }, ui: { type: 'string' } },
    allowPositionals: false
  })
  const root = findAppRoot()
  let dataDir = resolveDataDir(values.data)
  if (values.demo && !values.data) dataDir = path.join(root, '.data', 'demo')
  const uiDir = path.resolve(values.ui ?? path.join(root, 'out', 'web'))
  if (!fs.existsSync(path.join(uiDir, 'index.html'))) {
    console.error(`StationDesk: the UI is not built in ${uiDir}: run \`npm run build:ui\` first.`)
    process.exit(2)
  }
  const host = createHost({ dataDir })
  if (values.demo) {
    const logins = await createDemoStation(host, undefined, { persons: DEFAULT_DEMO_PERSONS, onlyIfEmpty: true })
    if (logins) {
      console.log('Demo station ready. Logins (username / password):')
      for (const l of logins) console.log(`  ${l.role.padEnd(10)} ${l.username} / ${l.password}`)
    }
  }
  const port = values.port ? Number(values.port) : 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`StationDesk: --port must be a number from 0 to 65535`)
    process.exit(2)
  }
  const srv = await startWebServer({ host, uiDir, port })
  console.log(`StationDesk data folder: ${dataDir}`)
  if (host.runtime.recovery) console.log(`StationDesk: the database cannot be opened (${host.runtime.problem}); the page offers the newest good backup.`)
  console.log(`Open ${srv.url}`)
  const stop = async () => {
    await srv.close()
    host.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  setInterval(() => host.maintenance(), 60 * 60_000).unref()
}

main().catch((e) => {
  console.error('StationDesk:', e instanceof Error ? e.message : e)
  process.exit(1)
})
