import {
  App,
  Breadcrumb,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Empty,
  Flex,
  Image,
  Result,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSubdistricts } from '../../org/web/index.ts';
import { CaseActionModal } from './case-action-modal.tsx';
import { CaseStatusTag, ClockTag, UrgencyTag } from './case-tags.tsx';
import {
  type CaseAction,
  type CaseDetail,
  type CaseStep,
  casePath,
  casesPath,
  readContact,
  useCase,
  useCommunities,
} from './cases-api.ts';

/** The primary action of each status, drawn as the main button; the others are plain. */
const primary: CaseAction[] = ['dispatch', 'accept', 'reply', 'review', 'callback'];

/**
 * One case: everything about it, the reporter's contact masked (unmasked on request, confirmed and audited), its
 * photos and point, the history (who, when, what, why), and a button for each action the server allows now.
 */
export function CasePage() {
  const { t } = useTranslation('events');
  const number = useParams().number ?? '';
  const found = useCase(number);
  const [action, setAction] = useState<CaseAction | null>(null);

  if (found.error) {
    if (found.error instanceof ApiError && [403, 404].includes(found.error.status))
      return <Result status="404" title={t('case.notFound')} subTitle={found.error.detail} />;
    return <LoadError error={found.error} onRetry={() => found.refetch()} />;
  }
  if (!found.data) return <Spin />;
  const c = found.data;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to={casesPath}>{t('cases.title')}</Link> }, { title: c.number }]}
      />
      <PageHeader
        title={t('case.title', { number: c.number })}
        tags={
          <>
            <CaseStatusTag status={c.status} />
            <UrgencyTag urgency={c.urgency} />
            {c.supervised && <Tag color="red">{t('cases.flags.supervised')}</Tag>}
            {c.escalated && <Tag color="volcano">{t('cases.flags.escalated')}</Tag>}
            {c.extensionRequested && <Tag color="gold">{t('cases.flags.extension')}</Tag>}
          </>
        }
        description={c.categoryName ?? undefined}
        extra={
          <Space wrap data-testid="case-actions">
            {c.actions.map((a) => (
              <Button
                key={a}
                type={primary.includes(a) ? 'primary' : 'default'}
                danger={a === 'return'}
                onClick={() => setAction(a)}
                data-testid={`case-action-${a}`}
              >
                {t(`caseLabels.action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      />
      {c.extensionRequest && (
        <Typography.Paragraph type="warning">
          {t('case.extensionAsked', c.extensionRequest)}
        </Typography.Paragraph>
      )}
      <Card title={t('case.details')} style={{ marginBottom: 16 }}>
        <CaseFields c={c} />
      </Card>
      <Card title={t('cases.fields.media')} style={{ marginBottom: 16 }}>
        {c.mediaUrls.length ? (
          <Image.PreviewGroup>
            <Flex wrap gap={8} data-testid="case-media">
              {c.mediaUrls.map((url) => (
                <Image key={url} src={url} width={120} height={120} style={{ objectFit: 'cover' }} />
              ))}
            </Flex>
          </Image.PreviewGroup>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noMedia')} />
        )}
      </Card>
      <Card title={t('case.history')}>
        <Timeline
          data-testid="case-history"
          items={c.steps.map((s) => ({ color: stepColor(s), children: <Step s={s} /> }))}
        />
      </Card>
      {action && <CaseActionModal c={c} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

/** The case's fields, the contact masked until asked for. */
function CaseFields({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('events');
  const { modal, message } = App.useApp();
  const [contact, setContact] = useState<Awaited<ReturnType<typeof readContact>> | null>(null);
  const subdistricts = useSubdistricts();
  const communities = useCommunities(c.subdistrictCode);
  const subdistrictName = (code: string | null) =>
    code ? (subdistricts.data?.find((d) => d.code === code)?.name ?? code) : null;
  const communityName = (code: string | null) =>
    code ? (communities.data?.find((d) => d.code === code)?.name.replace(/居委会$|委会$/, '') ?? code) : null;

  const showContact = () =>
    modal.confirm({
      title: t('case.contactConfirmTitle'),
      content: t('case.contactConfirm'),
      okButtonProps: { 'data-testid': 'contact-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          setContact(await readContact(c.number));
          message.info(t('case.contactShown'));
        } catch (error) {
          message.error(errorText(error));
        }
      },
    });

  return (
    <Descriptions column={{ xs: 1, md: 2, xl: 3 }} data-testid="case-fields">
      <Descriptions.Item label={t('cases.fields.number')}>{c.number}</Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.channel')}>
        {t(`caseLabels.channel.${c.channel}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.urgency')}>
        {t(`caseLabels.urgency.${c.urgency}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.category')}>{c.categoryName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.department')}>
        <span data-testid="case-department">{c.departmentName ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.assists')}>
        {c.assistDepartments.length ? c.assistDepartments.map((d) => <Tag key={d.id}>{d.name}</Tag>) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.receivedAt')}>
        {formatDateTime(c.receivedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.dueAt')}>
        <Space size={4}>
          {formatDateTime(c.dueAt)}
          <ClockTag c={c} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.closedAt')}>{formatDateTime(c.closedAt)}</Descriptions.Item>
      {c.title && (
        <Descriptions.Item label={t('cases.fields.title')} span={3}>
          {c.title}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('cases.fields.content')} span={3}>
        <span style={{ whiteSpace: 'pre-wrap' }} data-testid="case-content">
          {c.content}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.address')}>{c.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.subdistrict')}>
        {[subdistrictName(c.subdistrictCode), communityName(c.communityCode)].filter(Boolean).join(' / ') ||
          '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.point')}>
        {c.lng !== null && c.lat !== null
          ? t('case.pointText', { lng: c.lng.toFixed(6), lat: c.lat.toFixed(6) })
          : t('case.noPoint')}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.reporter')}>
        <span data-testid="case-reporter">
          {contact ? (contact.reporterName ?? '—') : (c.reporterName ?? '—')}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.phone')}>
        <Space size={8}>
          <span data-testid="case-phone">
            {contact ? (contact.reporterPhone ?? '—') : (c.reporterPhone ?? '—')}
          </span>
          {c.canReadContact && !contact && (c.reporterName || c.reporterPhone) && (
            <Button size="small" type="link" onClick={showContact} data-testid="case-show-contact">
              {t('case.showContact')}
            </Button>
          )}
        </Space>
      </Descriptions.Item>
      {contact?.reporterEmail && (
        <Descriptions.Item label={t('cases.fields.email')}>{contact.reporterEmail}</Descriptions.Item>
      )}
      <Descriptions.Item label={t('cases.fields.wantsReply')}>
        {t(c.wantsReply ? 'case.yes' : 'case.no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.reply')} span={2}>
        <span style={{ whiteSpace: 'pre-wrap' }} data-testid="case-reply">
          {c.reply ?? '—'}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.repliedAt')}>{formatDateTime(c.repliedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.satisfaction')}>
        <span data-testid="case-satisfaction">
          {c.satisfaction ? t(`caseLabels.satisfaction.${c.satisfaction}`) : '—'}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.reopenCount')}>{c.reopenCount}</Descriptions.Item>
      {c.mergedInto && (
        <Descriptions.Item label={t('cases.fields.mergedInto')}>
          <Link to={casePath(c.mergedInto)}>{c.mergedInto}</Link>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** A step's colour on the timeline: green for moves forward to the end, red for moves back, blue otherwise. */
function stepColor(s: CaseStep): string {
  if (s.toStatus === 'closed') return 'green';
  if (['return', 'reopen', 'suspend'].includes(s.action) || s.detail?.approved === false) return 'red';
  return 'blue';
}

const toDepartment = ['dispatch', 'transfer'];

/** One step of the history: what, who (and for which department), when, why, and what it decided. */
function Step({ s }: { s: CaseStep }) {
  const { t } = useTranslation('events');
  const d = s.detail ?? {};
  const extras: string[] = [];
  if (typeof d.satisfaction === 'string')
    extras.push(t('case.detail.satisfaction', { value: t(`caseLabels.satisfaction.${d.satisfaction}`) }));
  if (d.reopened) extras.push(t('case.detail.reopened'));
  if (d.escalated) extras.push(t('case.detail.escalated'));
  if (d.byReporter) extras.push(t('case.detail.byReporter'));
  if (d.fromRating) extras.push(t('case.detail.fromRating'));
  if (typeof d.limit === 'string') extras.push(t('case.detail.limit', { value: d.limit }));
  if (typeof d.approved === 'boolean')
    extras.push(t(d.approved ? 'case.detail.approved' : 'case.detail.refused'));
  if (typeof d.into === 'string') extras.push(t('case.detail.into', { value: d.into }));
  if (typeof d.from === 'string') extras.push(t('case.detail.from', { value: d.from }));
  const status = (v: string | null) => (v ? t(`caseLabels.status.${v}`, { defaultValue: v }) : '');
  return (
    <div data-testid="case-step" data-action={s.action}>
      <div>
        <strong>{t(`caseLabels.action.${s.action}`, { defaultValue: s.action })}</strong>
        {/* A dispatch names the department it sends the case to; other steps the department of who took them. */}
        {s.departmentName && toDepartment.includes(s.action) && ` → ${s.departmentName}`} · {s.actorName}
        {s.departmentName && !toDepartment.includes(s.action) && `（${s.departmentName}）`} ·{' '}
        {formatDateTime(s.at)}
      </div>
      <Typography.Text type="secondary">
        {s.fromStatus
          ? t('case.stepFromTo', { from: status(s.fromStatus), to: status(s.toStatus) })
          : status(s.toStatus)}
        {extras.length > 0 && ` · ${extras.join('，')}`}
      </Typography.Text>
      {s.note && <div style={{ whiteSpace: 'pre-wrap' }}>{s.note}</div>}
    </div>
  );
}
