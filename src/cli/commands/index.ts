import type { CommandSpec } from '../command'
import { auditCommands } from './audit'
import { backupCommands } from './backup'
import { certCommands } from './cert'
import { demoCommands } from './demo'
import { districtCommands } from './district'
import { idCommands } from './id'
import { infoCommands } from './info'
import { initCommands } from './init'
import { keysCommands, keysTrustCommands } from './keys'
import { packetCommands } from './packet'
import { periodCommands } from './period'
import { personsCommands } from './persons'
import { screeningCommands } from './screening'
import { stockCommands } from './stock'
import { usersCommands } from './users'

/** every command, in the order the help lists them */
export const commands: CommandSpec[] = [
  ...initCommands,
  ...demoCommands,
  ...infoCommands,
  ...usersCommands,
  ...backupCommands,
  ...auditCommands,
  ...keysCommands,
  ...keysTrustCommands,
  ...idCommands,
  ...personsCommands,
  ...certCommands,
  ...screeningCommands,
  ...stockCommands,
  ...packetCommands,
  ...periodCommands,
  ...districtCommands
]
