import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { type CaseStatus, type CaseSummary, openStatusList, type Urgency } from './cases-api.ts';
import { spanText } from './clock-text.ts';

const statusColors: Record<CaseStatus, string> = {
  received: 'blue',
  dispatched: 'geekblue',
  accepted: 'cyan',
  in_progress: 'processing',
  replied: 'purple',
  reviewed: 'magenta',
  closed: 'green',
  returned: 'orange',
  suspended: 'default',
  merged: 'default',
};

/** A case's status as a coloured tag. */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('events');
  return (
    <Tag color={statusColors[status]} data-testid="case-status">
      {t(`caseLabels.status.${status}`)}
    </Tag>
  );
}

/** An urgent or emergency case's urgency as a red tag (normal shows nothing). */
export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation('events');
  if (urgency === 'normal') return null;
  return <Tag color={urgency === 'emergency' ? 'red' : 'volcano'}>{t(`caseLabels.urgency.${urgency}`)}</Tag>;
}

/**
 * The due clock of a case: green while in time, orange after 80 % of the time, red when overdue, with the time left
 * or by how much it is late; a closed case shows whether it closed in time.
 */
export function ClockTag({ c, now = Date.now() }: { c: CaseSummary; now?: number }) {
  const { t } = useTranslation('events');
  if (!c.dueAt) return <>—</>;
  const due = new Date(c.dueAt).getTime();
  const open = openStatusList.includes(c.status);
  if (!open) {
    const late = c.closedAt ? new Date(c.closedAt).getTime() > due : false;
    return (
      <Tooltip title={`${t('cases.fields.dueAt')}: ${formatDateTime(c.dueAt)}`}>
        <Tag color={late ? 'red' : 'default'} data-testid="case-clock">
          {t(late ? 'cases.clock.closedLate' : 'cases.clock.closedInTime')}
        </Tag>
      </Tooltip>
    );
  }
  const state = c.clock.state;
  const color = state === 'overdue' ? 'red' : state === 'warning' ? 'orange' : 'green';
  const text =
    state === 'overdue'
      ? t('cases.clock.overdueBy', { span: spanText(t, now - due) })
      : t('cases.clock.left', { span: spanText(t, due - now) });
  return (
    <Tooltip title={`${t('cases.fields.dueAt')}: ${formatDateTime(c.dueAt)}`}>
      <Tag color={color} data-testid="case-clock" data-state={state}>
        {c.status === 'suspended' ? t('cases.clock.stopped') : text}
      </Tag>
    </Tooltip>
  );
}
