import { Empty, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import { registryPolicy } from '../policy.ts';
import { useLabels } from './labels.ts';
import type { EntityView } from './registry-api.ts';
import { ResolveConflictButton } from './resolve-conflict.tsx';

/** An entity's open conflicts, each with what every source offers; stewards resolve them here too. */
export function EntityConflicts({ entity, entityName }: { entity: EntityView; entityName: string }) {
  const { t } = useTranslation('registry');
  const me = useSignedInUser();
  const labels = useLabels(entity.registry);
  const names = new Map(entity.items.map((i) => [i.code, labels.item(i.code, i.name)]));
  const sources = new Map(entity.sources.map((s) => [s.source, s.sourceName ?? s.source]));
  const sourceName = (alias: string) => sources.get(alias) ?? alias;
  const mayResolve = allowed(me.roles, registryPolicy.curate);

  if (!entity.conflicts.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('entity.noConflicts')} />;
  return (
    <List
      size="small"
      data-testid="entity-conflicts"
      dataSource={entity.conflicts}
      renderItem={(c) => (
        <List.Item
          extra={
            mayResolve && (
              <ResolveConflictButton
                conflict={c}
                itemName={names.get(c.item) ?? c.item}
                entityName={entityName}
                sourceName={sourceName}
              />
            )
          }
        >
          <Flex vertical gap={2}>
            <Typography.Text strong>{names.get(c.item) ?? c.item}</Typography.Text>
            {c.candidates.map((candidate) => (
              <Typography.Text key={`${candidate.source}-${candidate.batchId}`} style={{ fontSize: 13 }}>
                {candidate.value || '—'}{' '}
                <Typography.Text type="secondary">
                  {t('conflicts.from', { source: sourceName(candidate.source) })}
                </Typography.Text>
              </Typography.Text>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(c.createdAt)}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
