import type { certificatesApi } from '../../api/certificates'
import type { Handlers } from '../handler'
import { todayOf } from '../persons/record'
import { draftOf, issueDateOf, loadSubject } from './facts'
import { issueCertificate } from './issue'
import { renewCertificate, voidCertificate } from './lifecycle'
import { certificatesOf, listCertificates, openCertificate } from './list'
import { numbering } from './numbering'
import { readSettings, saveSettings } from './settings'

export const certificatesHandlers: Handlers<typeof certificatesApi> = {
  'certificates.prepare': (ctx, input) => draftOf(ctx, loadSubject(ctx, input.personId), issueDateOf(input.issueDate, todayOf(ctx))),
  'certificates.issue': (ctx, input) => issueCertificate(ctx, input),
  'certificates.renew': (ctx, input) => renewCertificate(ctx, input),
  'certificates.void': (ctx, input) => voidCertificate(ctx, input),
  'certificates.get': (ctx, input) => openCertificate(ctx, input.id),
  'certificates.list': (ctx, input) => listCertificates(ctx, input),
  'certificates.ofPerson': (ctx, input) => certificatesOf(ctx, input.personId),
  'certificates.numbering': (ctx) => numbering(ctx),
  'certificates.settings': (ctx) => readSettings(ctx.sqlite),
  'certificates.saveSettings': (ctx, input) => saveSettings(ctx, input)
}
