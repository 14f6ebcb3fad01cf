import type { personsImportApi } from '../../../api/personsImport'
import type { Handlers } from '../../handler'
import { importCheck, importRoster } from './run'

export const personsImportHandlers: Handlers<typeof personsImportApi> = {
  'persons.importCheck': (ctx, input) => importCheck(ctx, input),
  'persons.import': (ctx, input) => importRoster(ctx, input)
}
