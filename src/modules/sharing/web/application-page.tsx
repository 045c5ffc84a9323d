import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Result,
  Spin,
  Tag,
  Timeline,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorText } from '../../../../web/kit/api.ts';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { PersonalTag, resourcePath } from '../../catalog/web/index.ts';
import { ApplicationStatusTag, GrantStatusTag } from './application-status-tag.tsx';
import { type DecideAction, DecideModal } from './decide-modal.tsx';
import {
  type ApplicationDetail,
  applicationsPath,
  grantPath,
  sharingKey,
  useApplication,
  withdrawApplication,
} from './sharing-api.ts';

/** Item codes as their names, personal ones marked. */
export function ItemList({ codes, items }: { codes: string[]; items: ApplicationDetail['resourceItems'] }) {
  const { t } = useTranslation('sharing');
  if (!codes.length) return <>{t('detail.none')}</>;
  return (
    <>
      {codes.map((code) => {
        const item = items.find((i) => i.code === code);
        return (
          <Tag key={code}>
            {item?.name ?? code} {item?.personal && <PersonalTag />}
          </Tag>
        );
      })}
    </>
  );
}

/** A row filter as "item = value" conditions, or "all rows". */
export function RowFilterText({
  filter,
  items,
}: {
  filter: Record<string, string>;
  items: ApplicationDetail['resourceItems'];
}) {
  const { t } = useTranslation('sharing');
  const entries = Object.entries(filter);
  if (!entries.length) return <>{t('detail.allRows')}</>;
  return (
    <>
      {entries
        .map(([code, value]) => `${items.find((i) => i.code === code)?.name ?? code} = ${value}`)
        .join('；')}
    </>
  );
}

/**
 * One application: what was asked, its decision timeline, its grant, and the steps the caller may take (the server
 * says which): approve, approve fewer items or reject at the caller's stage; withdraw for the applicant.
 */
export function ApplicationPage() {
  const { t } = useTranslation('sharing');
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const application = useApplication(id);
  const [action, setAction] = useState<DecideAction | null>(null);

  if (application.error) {
    if (application.error instanceof ApiError && [403, 404].includes(application.error.status))
      return (
        <Result
          status={application.error.status === 403 ? '403' : '404'}
          subTitle={application.error.detail}
        />
      );
    return <LoadError error={application.error} onRetry={() => application.refetch()} />;
  }
  if (!application.data) return <Spin />;
  const a = application.data;

  const withdraw = () =>
    modal.confirm({
      title: t('detail.withdraw'),
      content: t('detail.withdrawConfirm'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          queryClient.setQueryData([...sharingKey, 'application', id], await withdrawApplication(id));
          await queryClient.invalidateQueries({ queryKey: sharingKey });
          message.success(t('detail.withdrawn'));
        } catch (error) {
          message.error(errorText(error));
        }
      },
    });

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={applicationsPath}>{t('applications.title')}</Link> },
          { title: `#${a.id}` },
        ]}
      />
      <PageHeader
        title={t('detail.title', { id: a.id })}
        tags={<ApplicationStatusTag status={a.status} />}
        description={<Link to={resourcePath(a.resourceCode)}>{a.resourceName}</Link>}
        extra={
          <>
            {/* An approver of the stage barred by separation of duties sees the steps greyed, with why. */}
            {a.can.decideRefusal && (
              <Tooltip title={t(`detail.refusals.${a.can.decideRefusal}`)}>
                <span style={{ display: 'inline-flex', gap: 8 }}>
                  <Button type="primary" disabled data-testid="application-approve-disabled">
                    {t('detail.approve')}
                  </Button>
                  <Button danger disabled>
                    {t('detail.reject')}
                  </Button>
                </span>
              </Tooltip>
            )}
            {a.can.decide && (
              <>
                <Button type="primary" onClick={() => setAction('approve')} data-testid="application-approve">
                  {t('detail.approve')}
                </Button>
                <Button onClick={() => setAction('fewer')} data-testid="application-approve-fewer">
                  {t('detail.approveFewer')}
                </Button>
                <Button danger onClick={() => setAction('reject')} data-testid="application-reject">
                  {t('detail.reject')}
                </Button>
              </>
            )}
            {a.can.withdraw && (
              <Button onClick={withdraw} data-testid="application-withdraw">
                {t('detail.withdraw')}
              </Button>
            )}
          </>
        }
      />
      {a.can.decideRefusal && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`detail.refusals.${a.can.decideRefusal}`)}
          data-testid="application-decide-refusal"
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} data-testid="application-fields">
          <Descriptions.Item label={t('fields.applicantDepartment')}>
            {a.applicantDepartmentName} · {a.applicantName}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.providerDepartment')}>
            {a.providerDepartmentName}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.purpose')} span={2}>
            {a.purpose}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.legalBasis')} span={2}>
            {a.legalBasis}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.items')} span={2}>
            <ItemList codes={a.items} items={a.resourceItems} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.rawItems')}>
            <ItemList codes={a.rawItems} items={a.resourceItems} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.rowFilter')}>
            <RowFilterText filter={a.rowFilter} items={a.resourceItems} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.consumingSystem')}>{a.consumingSystem}</Descriptions.Item>
          <Descriptions.Item label={t('fields.period')}>
            {/* Calendar days of the district, shown as they are: no time zone may move them. */}
            {a.periodFrom} – {a.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.expectedDailyCalls')}>
            {formatNumber(a.expectedDailyCalls)}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(a.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('detail.timeline')} style={{ marginBottom: 16 }}>
        <Timeline
          data-testid="application-timeline"
          items={[
            {
              color: 'gray',
              children: `${t(a.onBehalf ? 'detail.submittedOnBehalf' : 'detail.submitted', {
                name: a.applicantName,
                department: a.applicantDepartmentName,
              })} · ${formatDateTime(a.createdAt)}`,
            },
            ...a.decisions.map((d) => ({
              color: d.decision === 'approved' ? 'green' : d.decision === 'rejected' ? 'red' : 'gray',
              children: (
                <>
                  <div>
                    <strong>
                      {t(`stages.${d.stage}`)} · {t(`decisions.${d.decision}`)}
                    </strong>{' '}
                    · {d.decidedBy}
                    {d.onBehalfOfName && ` (${t('detail.onBehalfOf', { department: d.onBehalfOfName })})`} ·{' '}
                    {formatDateTime(d.decidedAt)}
                  </div>
                  {d.items && (
                    <div>
                      {t('detail.narrowed', { count: d.items.length })}:{' '}
                      <ItemList codes={d.items} items={a.resourceItems} />
                    </div>
                  )}
                  {d.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{d.reason}</div>}
                </>
              ),
            })),
          ]}
        />
      </Card>
      <Card title={t('detail.grant')}>
        {a.grant ? (
          <Descriptions column={{ xs: 1, md: 2 }} data-testid="application-grant">
            <Descriptions.Item label={t('fields.status')}>
              <GrantStatusTag status={a.grant.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('grants.items')}>
              <ItemList codes={a.grant.items} items={a.resourceItems} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.validFrom')}>
              {formatDateTime(a.grant.validFrom)}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.expiresAt')}>
              {formatDateTime(a.grant.expiresAt)}
            </Descriptions.Item>
            <Descriptions.Item span={2}>
              <Link to={grantPath(a.grant.id)} data-testid="application-open-grant">
                {t('detail.openGrant')}
              </Link>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noGrant')} />
        )}
      </Card>
      {action && <DecideModal application={a} action={action} onClose={() => setAction(null)} />}
    </>
  );
}
