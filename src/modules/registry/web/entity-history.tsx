import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { useLabels } from './labels.ts';
import type { EntityView } from './registry-api.ts';

type Version = EntityView['history'][number];

/** The items whose values differ between two versions, in the registry's item order. */
function changes(items: EntityView['items'], before: Version, after: Version) {
  return items
    .map((i) => i.code)
    .filter((code) => (before.values[code] ?? '') !== (after.values[code] ?? ''))
    .map((code) => ({ code, from: before.values[code], to: after.values[code] }));
}

/** An entity's versions, newest first, each with when it was valid and what it changed from the one before. */
export function EntityHistory({ entity }: { entity: EntityView }) {
  const { t } = useTranslation('registry');
  const labels = useLabels(entity.registry);
  const names = new Map(entity.items.map((i) => [i.code, labels.item(i.code, i.name)]));
  if (!entity.history.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('entity.noHistory')} />;

  const versions = entity.history.map((version, index) => ({
    version,
    changed: index === 0 ? null : changes(entity.items, entity.history[index - 1]!, version),
  }));

  return (
    <Timeline
      data-testid="entity-history"
      items={versions.reverse().map(({ version, changed }) => ({
        key: version.validFrom,
        color: version.validTo ? 'gray' : 'blue',
        content: (
          <Flex vertical gap={4}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>
                {version.validTo
                  ? t('entity.validRange', {
                      from: formatDateTime(version.validFrom),
                      to: formatDateTime(version.validTo),
                    })
                  : t('entity.validFrom', { from: formatDateTime(version.validFrom) })}
              </Typography.Text>
              {!version.validTo && <Tag color="blue">{t('entity.currentVersion')}</Tag>}
            </Flex>
            {changed === null ? (
              <Typography.Text type="secondary">{t('entity.created')}</Typography.Text>
            ) : changed.length === 0 ? (
              <Typography.Text type="secondary">{t('entity.unchanged')}</Typography.Text>
            ) : (
              <>
                <Typography.Text type="secondary">
                  {t('entity.changed', { items: changed.map((c) => names.get(c.code)).join('、') })}
                </Typography.Text>
                {changed.map((c) => (
                  <Typography.Text key={c.code} style={{ fontSize: 13 }} data-testid="history-change">
                    {names.get(c.code)}：
                    <Typography.Text delete type="secondary">
                      {c.from || t('entity.noValue')}
                    </Typography.Text>{' '}
                    → <Typography.Text>{c.to || t('entity.noValue')}</Typography.Text>
                  </Typography.Text>
                ))}
              </>
            )}
          </Flex>
        ),
      }))}
    />
  );
}
