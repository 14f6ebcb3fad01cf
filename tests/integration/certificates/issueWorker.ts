/**
 * One process issuing one certificate on a shared data folder, for the concurrent numbering
 * test: `node --import tsx issueWorker.ts DATA_DIR PERSON_ID CLERK_USER_ID GO_FILE`.
 * It opens the station, says "ready", waits for GO_FILE to appear (so every worker issues at
 * the same moment), issues, and prints the outcome as one JSON line.
 */
import fs from 'node:fs'
import { ManualClock } from '../../../src/core/clock'
import { createHost } from '../../../src/core/host'

const [dataDir, personId, clerkId, goFile] = process.argv.slice(2)
const host = createHost({ dataDir, clock: new ManualClock(new Date('2026-11-20T02:00:00Z')) })
const sessionId = host.openLocalSession({ userId: clerkId, username: 'clerk', displayName: 'clerk', role: 'clerk', roles: ['clerk'], actor: 'clerk' })
process.stdout.write('ready\n')

async function main(): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!fs.existsSync(goFile)) {
    if (Date.now() > deadline) throw new Error('no go signal')
    await new Promise((r) => setTimeout(r, 2))
  }
  const out = await host.call('certificates.issue', { personId }, { sessionId, transport: 'test' })
  process.stdout.write(JSON.stringify(out.result) + '\n')
  host.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
