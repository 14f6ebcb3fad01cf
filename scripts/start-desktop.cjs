#!/usr/bin/env node
/**
 * `npm start`: the desktop app from the repo. Checks what the desktop app needs and says
 * plainly what is missing, builds (electron-vite build) and launches Electron on the app.
 *   - the Electron runtime (node_modules/electron/dist, fetched lazily from the internet)
 *   - better-sqlite3 for Electron's ABI (scripts/electron-native.cjs)
 * Extra arguments go to Electron: `npm start -- --some-flag`.
 */
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { spawn, spawnSync } = require('node:child_process')
const { fetchBinding, outDir } = require('./electron-native.cjs')

const ROOT = path.resolve(__dirname, '..')
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron')

function electronBinary() {
  try {
    const rel = fs.readFileSync(path.join(ELECTRON_DIR, 'path.txt'), 'utf8').trim()
    const bin = path.join(ELECTRON_DIR, 'dist', rel)
    return rel && fs.existsSync(bin) ? bin : null
  } catch {
    return null
  }
}

function say(line) {
  console.log(`StationDesk: ${line}`)
}

function main() {
  if (!fs.existsSync(path.join(ELECTRON_DIR, 'package.json'))) {
    say('electron is not installed (npm install with dev dependencies); use `npm run start:web` for the browser preview.')
    return 1
  }
  let bin = electronBinary()
  if (!bin) {
    say('fetching the Electron runtime…')
    spawnSync(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], { cwd: ELECTRON_DIR, stdio: 'ignore', timeout: 180_000, windowsHide: true })
    bin = electronBinary()
  }
  if (!bin) {
    say('the Electron runtime could not be downloaded here; use `npm run start:web` for the browser preview.')
    return 1
  }

  const native = fetchBinding({ timeoutMs: 60_000 })
  if (!native.ok) {
    say(
      `better-sqlite3 for Electron is missing (${native.reason}), so the desktop app cannot open its database. ` +
        `Run \`node scripts/electron-native.cjs\` with internet access (or put better_sqlite3.node into ${path.relative(ROOT, outDir(process.platform, process.arch))}/); ` +
        'meanwhile `npm run start:web` is the browser preview.'
    )
    return 1
  }

  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) {
    say('the build failed (see above).')
    return 1
  }

  const args = ['.', ...process.argv.slice(2)]
  // Chromium refuses to start as root with its sandbox on (containers, CI): development only
  if (process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0) {
    say('running as root: starting Electron with --no-sandbox (development only; do not run the app as root).')
    args.push('--no-sandbox')
  }
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE
  const child = spawn(bin, args, { cwd: ROOT, stdio: 'inherit', env })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  return null
}

const code = main()
if (code !== null) process.exit(code)
