import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { iotPolicy } from '../policy.ts';
import { profileName, profilesKey, updateProfile, useProfiles } from './config-api.ts';
import { keyName } from './iot-tags.tsx';
import type { Profile, TelemetryKeyDef } from './iot-types.ts';
import { installPageMessages } from './messages.ts';

installPageMessages();

/**
 * 设备类型: each profile's telemetry keys with unit, type and valid range, its attributes, how long raw data is
 * kept and after how long without data a device counts as offline (the last two set by the center).
 */
export function ProfilesPage() {
  const { t, i18n } = useTranslation('iot');
  const me = useSignedInUser();
  const canConfigure = allowed(me.roles, iotPolicy.configure);
  const profiles = useProfiles();
  const [editing, setEditing] = useState<Profile | null>(null);

  return (
    <>
      <PageHeader title={t('profiles.title')} description={t('profiles.description')} />
      {profiles.error ? (
        <LoadError error={profiles.error} onRetry={() => profiles.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {(profiles.data ?? []).map((p) => (
            <Col key={p.code} xs={24} xl={12}>
              <Card
                loading={!profiles.data}
                data-testid={`profile-${p.code}`}
                title={
                  <Space>
                    {profileName(p, i18n.language)}
                    <Typography.Text type="secondary" code>
                      {p.code}
                    </Typography.Text>
                  </Space>
                }
                extra={
                  canConfigure && (
                    <Button size="small" onClick={() => setEditing(p)} data-testid={`profile-edit-${p.code}`}>
                      {t('common:common.edit')}
                    </Button>
                  )
                }
              >
                <Space wrap style={{ marginBottom: 12 }}>
                  <Tag data-testid="profile-retention">
                    {t('profiles.retention', { days: p.retentionDays })}
                  </Tag>
                  <Tag data-testid="profile-offline">
                    {t('profiles.offline', { minutes: p.offlineMinutes })}
                  </Tag>
                </Space>
                <Table<TelemetryKeyDef>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={p.keys}
                  locale={{ emptyText: <TableEmpty text={t('profiles.noKeys')} /> }}
                  columns={[
                    {
                      key: 'key',
                      title: t('profiles.key'),
                      render: (_, k) => <Typography.Text code>{k.key}</Typography.Text>,
                    },
                    { key: 'name', title: t('profiles.name'), render: (_, k) => keyName(k) },
                    {
                      key: 'type',
                      title: t('profiles.type'),
                      render: (_, k) => t(`profiles.types.${k.type}`),
                    },
                    { key: 'unit', title: t('profiles.unit'), render: (_, k) => k.unit ?? '—' },
                    {
                      key: 'range',
                      title: t('profiles.range'),
                      render: (_, k) =>
                        k.min === undefined && k.max === undefined
                          ? '—'
                          : `${k.min ?? '−∞'} ~ ${k.max ?? '∞'}`,
                    },
                  ]}
                />
                {p.attributes.length > 0 && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                    {t('profiles.attributes')}:{' '}
                    {p.attributes.map((a) => (a.unit ? `${keyName(a)} (${a.unit})` : keyName(a))).join('、')}
                  </Typography.Paragraph>
                )}
              </Card>
            </Col>
          ))}
          {profiles.data?.length === 0 && (
            <Col span={24}>
              <TableEmpty text={t('profiles.empty')} />
            </Col>
          )}
        </Row>
      )}
      {editing && <ProfileModal profile={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ProfileModal({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const { t, i18n } = useTranslation('iot');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ retentionDays: number; offlineMinutes: number }>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { retentionDays: number; offlineMinutes: number }) => {
    setBusy(true);
    try {
      await updateProfile(profile.code, v);
      await queryClient.invalidateQueries({ queryKey: profilesKey });
      message.success(t('common:common.saved'));
      onClose();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('profiles.editTitle', { name: profileName(profile, i18n.language) })}
      okText={t('common:common.save')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ retentionDays: profile.retentionDays, offlineMinutes: profile.offlineMinutes }}
        onFinish={submit}
      >
        <Form.Item
          name="retentionDays"
          label={t('profiles.retentionDays')}
          extra={t('profiles.retentionHint')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={3650} style={{ width: 160 }} data-testid="profile-retention-input" />
        </Form.Item>
        <Form.Item
          name="offlineMinutes"
          label={t('profiles.offlineMinutes')}
          extra={t('profiles.offlineHint')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={10_080} style={{ width: 160 }} data-testid="profile-offline-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
