import readline from 'node:readline'
import { Writable } from 'node:stream'

/**
 * The first line of standard input. On a terminal it prompts on stderr and does not echo what
 * is typed (passwords); from a pipe it reads the first line, or null when the input is empty.
 */
export function readFirstLine(input: NodeJS.ReadStream, prompt: string): Promise<string | null> {
  const tty = Boolean(input.isTTY)
  if (tty) process.stderr.write(prompt)
  const muted = new Writable({ write: (_chunk, _enc, cb) => cb() })
  const rl = readline.createInterface({ input, output: tty ? muted : undefined, terminal: tty })
  return new Promise((resolve) => {
    let done = false
    const finish = (line: string | null) => {
      if (done) return
      done = true
      rl.close()
      if (tty) process.stderr.write('\n')
      // let the process end: nothing else reads stdin
      input.pause()
      if (!tty) input.destroy()
      resolve(line)
    }
    rl.once('line', (l) => finish(l))
    rl.once('close', () => finish(null))
  })
}
