import type { personsApi } from '../../api/persons'
import type { Handlers } from '../handler'
import { createPerson, listEvents, recordEvent } from './events'
import { exportPersons } from './export'
import { loadPerson } from './record'
import { searchPersons, similarPersons } from './search'

export const personsHandlers: Handlers<typeof personsApi> = {
  'persons.search': (ctx, input) => searchPersons(ctx, input),
  'persons.get': (ctx, input) => {
    const p = loadPerson(ctx, input.id)
    // opening a person's record is audited (the host writes the row after the read)
    ctx.audit({ entity: 'person', entityId: p.id, summary: `opened ${p.name}`, msg: ['person.opened', { name: p.name }] })
    return p
  },
  'persons.create': (ctx, input) => createPerson(ctx, input),
  'persons.similar': (ctx, input) => similarPersons(ctx, input),
  'persons.recordEvent': (ctx, input) => recordEvent(ctx, input),
  'persons.events': (ctx, input) => listEvents(ctx, input.personId),
  'persons.export': (ctx, input) => exportPersons(ctx, input)
}
