import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { RawViewSwitch } from '../../../../web/kit/raw-view-switch.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import { registryPolicy } from '../policy.ts';
import {
  type License,
  licenseKey,
  licenseStatuses,
  revokeLicense,
  useLicensePage,
  verifyPath,
} from './license-api.ts';
import { LicenseIssueModal } from './license-issue-modal.tsx';
import { LicenseStatusTag } from './license-status-tag.tsx';
import { useRawTexts } from './raw-texts.ts';

const noFilters = { holder: '', type: '', status: '', issuer: '' };

/**
 * 电子证照: the licenses issued in OneCity, filtered by holder, type, status and issuer (kept in the URL).
 * Department users issue and revoke their department's licenses, center staff any; others read. Holders come
 * masked; those who issue may turn on the raw view with a reason (the server unmasks only their department's).
 */
export function LicensesPage() {
  const { t } = useTranslation('registry');
  const me = useSignedInUser();
  const [params, setParams] = useListParams({ ...noFilters, page: '1', pageSize: '20' });
  const [holder, setHolder] = useState(params.holder);
  const [type, setType] = useState(params.type);
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<License | null>(null);
  const departments = useAllDepartments();
  // Masked by default; the reason given to see the list raw lives in the page's state only (never in a link).
  const [rawReason, setRawReason] = useState<string | null>(null);
  const rawTexts = useRawTexts();
  const canIssue = allowed(me.roles, registryPolicy.issueLicenses);
  const list = useLicensePage({
    holder: params.holder || undefined,
    type: params.type || undefined,
    status: params.status || undefined,
    issuer: params.issuer || undefined,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
    ...(canIssue && rawReason !== null ? { raw: 'true', reason: rawReason } : {}),
  });
  const filtered = Object.keys(noFilters).some((k) => params[k as keyof typeof noFilters]);
  // The server refuses others; the button is only offered where it would be accepted.
  const canRevoke = (l: License) =>
    l.status !== 'revoked' && registryPolicy.mayHandleLicense(me, l.issuerDepartmentId);
  const clear = () => {
    setHolder('');
    setType('');
    setParams(noFilters);
  };

  const columns: ColumnsType<License> = [
    {
      key: 'type',
      title: t('licenses.fields.type'),
      render: (_, l) => (
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <Typography.Text strong>{l.typeName}</Typography.Text>
          <Typography.Text
            type="secondary"
            copyable={{ text: l.id }}
            style={{ fontSize: 12, fontFamily: 'monospace' }}
          >
            {l.id}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'holder',
      title: t('licenses.fields.holder'),
      width: 220,
      render: (_, l) => (
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <Tooltip title={l.masked ? t('licenses.masked') : undefined}>
            <Typography.Text>{l.holderName}</Typography.Text>
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {l.holderId}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'issuer', title: t('licenses.fields.issuer'), width: 160, render: (_, l) => l.issuerName },
    { key: 'issueDate', title: t('licenses.fields.issueDate'), width: 110, dataIndex: 'issueDate' },
    {
      key: 'validUntil',
      title: t('licenses.fields.validUntil'),
      width: 110,
      render: (_, l) => l.validUntil ?? t('licenses.longTerm'),
    },
    {
      key: 'status',
      title: t('licenses.fields.status'),
      width: 100,
      render: (_, l) =>
        l.revokeReason ? (
          <Tooltip title={`${t('licenses.fields.revokeReason')}: ${l.revokeReason}`}>
            <span>
              <LicenseStatusTag status={l.status} />
            </span>
          </Tooltip>
        ) : (
          <LicenseStatusTag status={l.status} />
        ),
    },
    {
      key: 'actions',
      title: t('common:common.actions'),
      width: 90,
      fixed: 'right',
      render: (_, l) =>
        canRevoke(l) && (
          <Button type="link" size="small" danger onClick={() => setRevoking(l)}>
            {t('licenses.revoke.button')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('licenses.title')}
        description={t('licenses.description')}
        extra={
          <>
            {canIssue && <RawViewSwitch reason={rawReason} onChange={setRawReason} texts={rawTexts} />}
            <Link to={verifyPath} target="_blank">
              <Button icon={<SafetyCertificateOutlined />}>{t('licenses.verifyLink')}</Button>
            </Link>
            {canIssue && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setIssuing(true)}
                data-testid="license-issue"
              >
                {t('licenses.issue.button')}
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={holder}
          onChange={(e) => setHolder(e.target.value)}
          onSearch={(value) => setParams({ holder: value.trim() })}
          placeholder={t('licenses.filters.holder')}
          aria-label={t('licenses.filters.holder')}
          style={{ width: 240 }}
          data-testid="licenses-holder"
        />
        <Input.Search
          allowClear
          value={type}
          onChange={(e) => setType(e.target.value)}
          onSearch={(value) => setParams({ type: value.trim() })}
          placeholder={t('licenses.filters.type')}
          aria-label={t('licenses.filters.type')}
          style={{ width: 240 }}
        />
        <Select
          aria-label={t('licenses.fields.status')}
          value={params.status}
          onChange={(status) => setParams({ status })}
          style={{ width: 140 }}
          data-testid="licenses-status"
          options={[
            { value: '', label: t('licenses.filters.status') },
            ...licenseStatuses.map((s) => ({ value: s, label: t(`licenses.statuses.${s}`) })),
          ]}
        />
        <Select
          aria-label={t('licenses.fields.issuer')}
          value={params.issuer}
          onChange={(issuer) => setParams({ issuer })}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          options={[
            { value: '', label: t('licenses.filters.issuer') },
            ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
          ]}
        />
        {filtered && (
          <Button type="link" onClick={clear}>
            {t('common:common.reset')}
          </Button>
        )}
      </Space>
      {list.error && !list.data ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<License>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          data-testid="licenses-table"
          locale={{
            emptyText: filtered ? (
              <TableEmpty
                text={
                  params.holder && !rawReason ? t('licenses.holderNeedsRaw') : t('licenses.emptyFiltered')
                }
              />
            ) : (
              <TableEmpty text={t('licenses.empty')} />
            ),
          }}
          pagination={urlPagination(params, setParams, list.data?.total ?? 0)}
        />
      )}
      {issuing && <LicenseIssueModal onClose={() => setIssuing(false)} />}
      {revoking && <RevokeModal license={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}

/** Revokes a license, with the reason (kept and audited) and a confirmation: revocation cannot be undone. */
function RevokeModal({ license, onClose }: { license: License; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);

  const revoke = ({ reason }: { reason: string }) =>
    modal.confirm({
      title: t('licenses.revoke.confirm', { id: license.id }),
      content: t('licenses.revoke.hint'),
      okText: t('licenses.revoke.ok'),
      okButtonProps: { danger: true },
      onOk: async () => {
        setSaving(true);
        try {
          await revokeLicense(license.id, reason.trim());
          message.success(t('licenses.revoke.done', { id: license.id }));
          await queryClient.invalidateQueries({ queryKey: licenseKey });
          onClose();
        } catch (error) {
          showFormError(form, error, message.error);
        } finally {
          setSaving(false);
        }
      },
    });

  return (
    <Modal
      open
      title={t('licenses.revoke.title')}
      okText={t('licenses.revoke.button')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {license.typeName} · {license.holderName}
        <br />
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {license.id}
        </Typography.Text>
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={revoke}
        disabled={saving}
        data-testid="license-revoke-form"
      >
        <Form.Item
          name="reason"
          label={t('licenses.revoke.reason')}
          extra={t('licenses.revoke.hint')}
          rules={[{ required: true, whitespace: true, message: t('licenses.revoke.reasonRequired') }]}
        >
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
