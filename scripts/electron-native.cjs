#!/usr/bin/env node
/**
 * better-sqlite3 for Electron's ABI, beside (never instead of) the Node build that the tests,
 * the CLI and the web preview use. Writes
 *   build/native/electron/<os>-<arch>/better_sqlite3.node   (os: win | linux | mac)
 * which the desktop app passes to better-sqlite3 as `nativeBinding` (electron/main/locations.ts)
 * and electron-builder ships as resources/native/.
 *
 * How: prebuild-install (a dependency of better-sqlite3) in a scratch folder holding only
 * better-sqlite3's package.json, asking for the Electron runtime. Needs github.com; offline,
 * put the release tarball (better-sqlite3-vX-electron-vABI-<platform>-<arch>.tar.gz) into
 * build/native/prebuilds/ and run this again.
 *
 * - `postinstall`: for this machine; never fails the install, at most ~60 s, one line of output.
 * - electron-builder `beforePack` hook (electron-builder.yml): for the target platform/arch;
 *   fails the packaging when the binding cannot be had (an app without it cannot open its
 *   database).
 * - CLI: `node scripts/electron-native.cjs [--platform win32] [--arch x64] [--force]`.
 */
'use strict'
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const ROOT = path.resolve(__dirname, '..')
const OUT_BASE = path.join(ROOT, 'build', 'native', 'electron')
const LOCAL_PREBUILDS = path.join(ROOT, 'build', 'native', 'prebuilds')

function builderOs(platform) {
  return platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : platform
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

function outDir(platform, arch) {
  return path.join(OUT_BASE, `${builderOs(platform)}-${arch}`)
}

function stampOf(electronVersion, sqliteVersion) {
  return `electron ${electronVersion}\nbetter-sqlite3 ${sqliteVersion}\n`
}

function why(text) {
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|timed out/i.test(text)) return 'no internet access'
  if (/404|not found/i.test(text)) return 'no prebuilt binary for this Electron version'
  const last = text.trim().split('\n').filter(Boolean).pop()
  return last ? last.replace(/^prebuild-install (warn|ERR!)\s*/, '').slice(0, 200) : 'unknown error'
}

/**
 * Fetches the binding for one platform/arch. Resolves { ok, file, fresh } or { ok: false, reason }.
 * Never throws.
 */
function fetchBinding({ platform = process.platform, arch = process.arch, electronVersion, force = false, timeoutMs = 60_000 } = {}) {
  const sqlitePkg = readJson(path.join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'))
  const version = electronVersion || (readJson(path.join(ROOT, 'node_modules', 'electron', 'package.json')) || {}).version
  if (!sqlitePkg) return { ok: false, reason: 'better-sqlite3 is not installed' }
  if (!version) return { ok: false, reason: 'electron is not installed' }
  const dir = outDir(platform, arch)
  const file = path.join(dir, 'better_sqlite3.node')
  const stamp = stampOf(version, sqlitePkg.version)
  if (!force && fs.existsSync(file) && fs.existsSync(path.join(dir, 'VERSION')) && fs.readFileSync(path.join(dir, 'VERSION'), 'utf8') === stamp)
    return { ok: true, file, fresh: false }

  let bin
  try {
    bin = require.resolve('prebuild-install/bin.js', { paths: [path.join(ROOT, 'node_modules', 'better-sqlite3'), ROOT] })
  } catch {
    return { ok: false, reason: 'prebuild-install is not installed' }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stationdesk-native-'))
  try {
    fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify(sqlitePkg))
    if (fs.existsSync(LOCAL_PREBUILDS)) fs.cpSync(LOCAL_PREBUILDS, path.join(tmp, 'prebuilds'), { recursive: true })
    const env = { ...process.env }
    // npm passes its own settings as npm_config_*; prebuild-install would read a few of them
    // (arch, platform, build_from_source) and must not: this run says exactly what it wants.
    for (const k of Object.keys(env)) if (/^npm_config_(arch|platform|target|runtime|build_from_source)$/i.test(k)) delete env[k]
    const r = spawnSync(process.execPath, [bin, '--runtime', 'electron', '--target', version, '--platform', platform, '--arch', arch, '--verbose'], {
      cwd: tmp,
      env,
      encoding: 'utf8',
      timeout: timeoutMs,
      windowsHide: true
    })
    const built = path.join(tmp, 'build', 'Release', 'better_sqlite3.node')
    if (r.error) return { ok: false, reason: r.error.code === 'ETIMEDOUT' ? 'timed out (no internet access?)' : r.error.message }
    if (r.status !== 0 || !fs.existsSync(built)) return { ok: false, reason: why(`${r.stderr || ''}\n${r.stdout || ''}`) }
    fs.mkdirSync(dir, { recursive: true })
    fs.copyFileSync(built, file)
    fs.writeFileSync(path.join(dir, 'VERSION'), stamp)
    return { ok: true, file, fresh: true }
  } catch (e) {
    return { ok: false, reason: e && e.message ? e.message : String(e) }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/** electron-builder hook: the binding for the platform/arch being packed, or a clear failure. */
async function beforePack(context) {
  const platform = context.electronPlatformName
  let arch = context.arch
  if (typeof arch === 'number') {
    try {
      arch = require('builder-util').Arch[arch]
    } catch {
      arch = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'][arch]
    }
  }
  const electronVersion = context.packager && context.packager.info && context.packager.info.framework ? context.packager.info.framework.version : undefined
  const r = fetchBinding({ platform, arch, electronVersion, timeoutMs: 120_000 })
  if (!r.ok) {
    const dir = path.relative(ROOT, outDir(platform, arch))
    throw new Error(
      `StationDesk: better-sqlite3 for Electron (${platform}-${arch}) could not be fetched: ${r.reason}. ` +
        `The packaged app cannot open its database without it. Put better_sqlite3.node into ${dir}/, or the release tarball into build/native/prebuilds/, and package again.`
    )
  }
  console.log(`StationDesk: better-sqlite3 for Electron ${platform}-${arch}: ${path.relative(ROOT, r.file)}`)
}

function parseArgs(argv) {
  const o = {}
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--platform') o.platform = argv[++i]
    else if (argv[i] === '--arch') o.arch = argv[++i]
    else if (argv[i] === '--force') o.force = true
  }
  return o
}

function main() {
  // whatever happens, the install goes on
  setTimeout(() => process.exit(0), 65_000).unref()
  try {
    if (process.env.STATIONDESK_SKIP_ELECTRON_NATIVE) return
    if (!fs.existsSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'))) return // production install: no desktop shell here
    const r = fetchBinding({ ...parseArgs(process.argv.slice(2)), timeoutMs: 60_000 })
    if (r.ok) {
      if (r.fresh) console.log(`StationDesk: better-sqlite3 for Electron is ready (${path.relative(ROOT, r.file)}).`)
    } else if (r.reason === 'no internet access' || /timed out/.test(r.reason)) {
      console.log(
        'StationDesk: better-sqlite3 for Electron could not be fetched here (no internet access); the desktop app (npm start) needs it, the browser preview (npm run start:web) and the tests do not.'
      )
    } else {
      console.log(
        `StationDesk: better-sqlite3 for Electron could not be fetched (${r.reason}); the desktop app (npm start) needs it, the browser preview (npm run start:web) and the tests do not.`
      )
    }
  } catch (e) {
    console.log(`StationDesk: better-sqlite3 for Electron was not prepared (${e && e.message ? e.message : e}); the browser preview and the tests do not need it.`)
  }
  process.exitCode = 0
}

module.exports = { beforePack, fetchBinding, builderOs, outDir }

if (require.main === module) main()
