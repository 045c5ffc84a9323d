import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { StatusPage } from '../../../../web/kit/status-pages.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { registryPolicy } from '../policy.ts';
import { useLabels } from './labels.ts';
import { PrecedenceEditor } from './precedence-editor.tsx';
import { type PrecedenceItem, type RegistryName, usePrecedence } from './registry-api.ts';
import { RegistryHeader, useRegistryParam } from './registry-header.tsx';

/** /registry/:registry/precedence: each item's sources in order of precedence; stewards change them. */
export function PrecedencePage() {
  const registry = useRegistryParam();
  return registry ? <Precedence key={registry} registry={registry} /> : <StatusPage status="404" />;
}

function Precedence({ registry }: { registry: RegistryName }) {
  const { t } = useTranslation('registry');
  const me = useSignedInUser();
  const mayEdit = allowed(me.roles, registryPolicy.curate);
  const labels = useLabels(registry);
  const precedence = usePrecedence(registry);
  const sources = new Map((precedence.data?.sources ?? []).map((s) => [s.alias, s]));

  const columns: ColumnsType<PrecedenceItem> = [
    {
      key: 'item',
      title: t('precedence.item'),
      width: 220,
      render: (_, r) => (
        <Flex vertical style={{ lineHeight: 1.4 }}>
          <span>{labels.item(r.item, r.name)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.item}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'sources',
      title: t('precedence.sources'),
      render: (_, r) =>
        r.sources.length ? (
          <Flex gap={4} wrap align="center" data-testid={`precedence-${r.item}`}>
            {r.sources.map((alias, index) => (
              <Tag key={alias} color={index === 0 ? 'blue' : undefined}>
                {index + 1}. {sources.get(alias)?.name ?? alias}
                {sources.get(alias)?.department && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                    {sources.get(alias)!.department}
                  </Typography.Text>
                )}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary" data-testid={`precedence-${r.item}`}>
            {t('precedence.newest')}
          </Typography.Text>
        ),
    },
    ...(mayEdit
      ? [
          {
            key: 'actions',
            title: t('common:common.actions'),
            width: 100,
            render: (_: unknown, r: PrecedenceItem) => (
              <PrecedenceEditor
                registry={registry}
                item={r.item}
                itemName={labels.item(r.item, r.name)}
                current={r.sources}
                sources={precedence.data?.sources ?? []}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <RegistryHeader registry={registry} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('precedence.description')}
        description={mayEdit ? undefined : t('precedence.readOnly')}
      />
      {precedence.isError ? (
        <LoadError error={precedence.error} onRetry={() => precedence.refetch()} />
      ) : (
        <Table<PrecedenceItem>
          rowKey="item"
          size="middle"
          data-testid="precedence-table"
          loading={precedence.isPending}
          columns={columns}
          dataSource={precedence.data?.items}
          pagination={false}
        />
      )}
    </>
  );
}
