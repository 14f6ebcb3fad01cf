/**
 * 新办婚育证明 (/certificates/new?person=ID): without a person, the register's lookup box (a
 * card reader's ID opens her at once; a name or the last digits list a few to choose with the
 * arrows and Enter); with one, the confirmation of what will be printed (IssueDraft). The
 * person page's 办理婚育证明 button comes here with her id.
 */
import { Card, Typography, type InputRef } from 'antd'
import { useRef } from 'react'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { stationToday } from '../persons/words'
import { Lookup } from '../screening/entry/Lookup'
import { IssueDraft } from './IssueDraft'
import { issuePath } from './words'

export function IssuePage() {
  const { t } = useI18n()
  const { info } = useApp()
  const { query } = useRoute()
  const personId = query.get('person') ?? ''
  const lookup = useRef<InputRef>(null)

  if (personId) return <IssueDraft key={personId} personId={personId} onOtherPerson={() => navigate('/certificates/new')} />

  return (
    <Card style={{ maxWidth: 760 }} data-testid="issue-find">
      <Typography.Paragraph>{t('certificates.issue.findIntro')}</Typography.Paragraph>
      <Lookup
        inputRef={lookup}
        today={stationToday(info.timeZone)}
        onPick={(id) => navigate(issuePath(id))}
        onAdd={(idNumber) => navigate(`/persons/new?idNumber=${encodeURIComponent(idNumber)}`)}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
        {t('certificates.issue.findHint')}
      </Typography.Paragraph>
    </Card>
  )
}
