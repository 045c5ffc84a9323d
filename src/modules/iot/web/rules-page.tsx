import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { iotPolicy } from '../policy.ts';
import { deleteRule, profileName, rulesKey, updateRule, useProfiles, useRules } from './config-api.ts';
import { keyName, SeverityTag } from './iot-tags.tsx';
import type { Rule } from './iot-types.ts';
import { installPageMessages } from './messages.ts';
import { RuleFormModal } from './rule-form-modal.tsx';
import { ruleText } from './rule-text.ts';

installPageMessages();

/**
 * 告警规则: the rules of each profile (and of single devices), with their condition in words. The center creates,
 * edits, switches on and off and deletes them; others read them.
 */
export function RulesPage() {
  const { t, i18n } = useTranslation('iot');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const canConfigure = allowed(me.roles, iotPolicy.configure);
  const [params, setParams] = useListParams({ profile: '' });
  const profiles = useProfiles();
  const rules = useRules({ profile: params.profile || undefined });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const byCode = new Map((profiles.data ?? []).map((p) => [p.code, p]));

  const change = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (error) {
      message.error(errorText(error));
    }
    await queryClient.invalidateQueries({ queryKey: rulesKey });
  };

  return (
    <>
      <PageHeader
        title={t('rules.title')}
        description={t('rules.description')}
        extra={
          canConfigure && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="rule-create"
            >
              {t('rules.create')}
            </Button>
          )
        }
      />
      <Segmented
        style={{ marginBottom: 16 }}
        value={params.profile}
        onChange={(profile) => setParams({ profile: String(profile) })}
        options={[
          { value: '', label: t('common.allProfiles') },
          ...(profiles.data ?? []).map((p) => ({ value: p.code, label: profileName(p, i18n.language) })),
        ]}
        data-testid="rules-profile"
      />
      {rules.error ? (
        <LoadError error={rules.error} onRetry={() => rules.refetch()} />
      ) : (
        <Table<Rule>
          rowKey="id"
          size="middle"
          loading={rules.isFetching}
          dataSource={rules.data ?? []}
          data-testid="rules-table"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <TableEmpty text={t('rules.empty')} /> }}
          columns={[
            {
              key: 'name',
              title: t('rules.fields.name'),
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  {r.deviceCode && (
                    <Typography.Text type="secondary">
                      {t('rules.forDevice', { code: r.deviceCode })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              key: 'profile',
              title: t('devices.fields.profile'),
              render: (_, r) => {
                const p = r.profileCode ? byCode.get(r.profileCode) : undefined;
                return p ? profileName(p, i18n.language) : (r.profileCode ?? '—');
              },
            },
            {
              key: 'kind',
              title: t('rules.fields.kind'),
              render: (_, r) => <Tag>{t(`rules.kinds.${r.kind}`)}</Tag>,
            },
            {
              key: 'condition',
              title: t('rules.fields.condition'),
              render: (_, r) =>
                ruleText(r, r.profileCode ? byCode.get(r.profileCode) : undefined, t, keyName),
            },
            {
              key: 'severity',
              title: t('alarms.fields.severity'),
              render: (_, r) => <SeverityTag severity={r.severity} />,
            },
            { key: 'case', title: t('rules.fields.caseCategory'), render: (_, r) => r.caseCategory ?? '—' },
            {
              key: 'enabled',
              title: t('rules.fields.enabled'),
              render: (_, r) => (
                <Switch
                  size="small"
                  checked={r.enabled}
                  disabled={!canConfigure}
                  aria-label={t('rules.fields.enabled')}
                  onChange={(enabled) =>
                    change(
                      () => updateRule(r.id, { enabled }),
                      t(enabled ? 'rules.enabledOn' : 'rules.enabledOff', { name: r.name }),
                    )
                  }
                />
              ),
            },
            ...(canConfigure
              ? [
                  {
                    key: 'actions',
                    title: t('common:common.actions'),
                    render: (_: unknown, r: Rule) => (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => setEditing(r)}>
                          {t('common:common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('rules.deleteConfirm', { name: r.name })}
                          okButtonProps={{ danger: true }}
                          onConfirm={() =>
                            change(() => deleteRule(r.id), t('rules.deleted', { name: r.name }))
                          }
                        >
                          <Button type="link" size="small" danger data-testid="rule-delete">
                            {t('rules.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing && profiles.data && (
        <RuleFormModal
          rule={editing === 'new' ? undefined : editing}
          profiles={profiles.data}
          defaultProfile={params.profile || undefined}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
