import type { packetsApi } from '../../api/packets'
import type { Handlers } from '../handler'
import { downloadPacket, exportPacket } from './build'
import { listPackets } from './list'

export const packetsHandlers: Handlers<typeof packetsApi> = {
  'packets.list': (ctx) => listPackets(ctx),
  'packets.export': (ctx, input) => exportPacket(ctx, input),
  'packets.download': (ctx, input) => downloadPacket(ctx, input.seq)
}
