import { ApiOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Spin,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { resourcePath } from '../../catalog/web/index.ts';
import { ItemList, RowFilterText } from './application-page.tsx';
import { GrantStatusTag } from './application-status-tag.tsx';
import { CredentialsCard } from './credentials-card.tsx';
import { apiDocsPath } from './share-api-client.ts';
import {
  applicationPath,
  type GrantDetail,
  grantsPath,
  revokeGrant,
  setGrantLimits,
  sharingKey,
  useGrant,
} from './sharing-api.ts';

/** One grant: what it allows, revoking it (center or provider), its limits (center), and its credentials. */
export function GrantPage() {
  const { t } = useTranslation('sharing');
  const id = Number(useParams().id);
  const grant = useGrant(id);
  const [dialog, setDialog] = useState<'revoke' | 'limits' | null>(null);

  if (grant.error) {
    if (grant.error instanceof ApiError && [403, 404].includes(grant.error.status))
      return <Result status={grant.error.status === 403 ? '403' : '404'} subTitle={grant.error.detail} />;
    return <LoadError error={grant.error} onRetry={() => grant.refetch()} />;
  }
  if (!grant.data) return <Spin />;
  const g = grant.data;
  const unmasked = g.items.filter(
    (code) => g.resourceItems.find((i) => i.code === code)?.personal && !g.rawItems.includes(code),
  );

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to={grantsPath}>{t('grants.title')}</Link> }, { title: `#${g.id}` }]}
      />
      <PageHeader
        title={t('grants.detailTitle', { id: g.id })}
        tags={<GrantStatusTag status={g.status} />}
        description={
          <>
            <Link to={resourcePath(g.resourceCode)}>{g.resourceName}</Link> ·{' '}
            <Link to={applicationPath(g.applicationId)}>
              {t('grants.application', { id: g.applicationId })}
            </Link>
          </>
        }
        extra={
          <>
            {/* How to call: the resource's endpoints and an example request, shaped by this grant. */}
            <Link to={apiDocsPath(g.resourceAlias ?? g.resourceCode)} data-testid="grant-api-docs">
              <Button icon={<ApiOutlined />}>{t('grants.apiDocs')}</Button>
            </Link>
            {g.can.setLimits && <Button onClick={() => setDialog('limits')}>{t('grants.limits')}</Button>}
            {g.can.revoke && (
              <Button danger onClick={() => setDialog('revoke')} data-testid="grant-revoke">
                {t('grants.revoke')}
              </Button>
            )}
          </>
        }
      />
      {g.revokedAt && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('grants.revokedBy', {
            by: g.revokedBy,
            at: formatDateTime(g.revokedAt),
            reason: g.revokeReason,
          })}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} data-testid="grant-fields">
          <Descriptions.Item label={t('fields.consumerDepartment')}>
            {g.consumerDepartmentName} · {g.consumingSystem}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.providerDepartment')}>
            {g.providerDepartmentName}
          </Descriptions.Item>
          <Descriptions.Item label={t('grants.items')} span={2}>
            <ItemList codes={g.items} items={g.resourceItems} />
          </Descriptions.Item>
          <Descriptions.Item label={`${t('fields.rawItems')} (${t('grants.raw')})`}>
            <ItemList codes={g.rawItems} items={g.resourceItems} />
          </Descriptions.Item>
          <Descriptions.Item label={t('grants.masked')}>
            <ItemList codes={unmasked} items={g.resourceItems} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.rowFilter')} span={2}>
            <RowFilterText filter={g.rowFilter} items={g.resourceItems} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.validFrom')}>{formatDateTime(g.validFrom)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.expiresAt')}>{formatDateTime(g.expiresAt)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.ratePerMinute')}>
            {formatNumber(g.ratePerMinute)}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.dailyQuota')}>{formatNumber(g.dailyQuota)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <CredentialsCard grant={g} />
      {dialog && <GrantDialog grant={g} kind={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

/** Revoking (with a reason, confirmed) or changing the rate limit and quota. */
function GrantDialog({
  grant,
  kind,
  onClose,
}: {
  grant: GrantDetail;
  kind: 'revoke' | 'limits';
  onClose: () => void;
}) {
  const { t } = useTranslation('sharing');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string; ratePerMinute?: number; dailyQuota?: number }>();
  const [saving, setSaving] = useState(false);

  const submit = async (v: { reason?: string; ratePerMinute?: number; dailyQuota?: number }) => {
    setSaving(true);
    try {
      const updated =
        kind === 'revoke'
          ? await revokeGrant(grant.id, v.reason!.trim())
          : await setGrantLimits(grant.id, { ratePerMinute: v.ratePerMinute, dailyQuota: v.dailyQuota });
      queryClient.setQueryData([...sharingKey, 'grant', grant.id], updated);
      await queryClient.invalidateQueries({ queryKey: sharingKey });
      message.success(t(kind === 'revoke' ? 'grants.revoked' : 'grants.limitsSaved'));
      onClose();
    } catch (error) {
      showFormError(form, error, message.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t(kind === 'revoke' ? 'grants.revokeTitle' : 'grants.limits')}
      okText={t(kind === 'revoke' ? 'grants.revoke' : 'common:common.save')}
      okButtonProps={{ danger: kind === 'revoke' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {kind === 'revoke' && (
        <Alert type="warning" showIcon title={t('grants.revokeHint')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        initialValues={{ ratePerMinute: grant.ratePerMinute, dailyQuota: grant.dailyQuota }}
      >
        {kind === 'revoke' ? (
          <Form.Item
            name="reason"
            label={t('grants.revokeReason')}
            rules={[{ required: true, whitespace: true, message: t('grants.revokeReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="grant-revoke-reason" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="ratePerMinute" label={t('fields.ratePerMinute')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1_000_000} precision={0} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="dailyQuota" label={t('fields.dailyQuota')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100_000_000} precision={0} style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
