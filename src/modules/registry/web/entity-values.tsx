import { WarningOutlined } from '@ant-design/icons';
import { Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../../web/kit/format.ts';
import type { ProvenanceEntry } from '../contract.ts';
import { useLabels } from './labels.ts';
import { batchPath, type EntityView } from './registry-api.ts';

type Row = { code: string; name: string; value: ReactNode; provenance?: ProvenanceEntry; derived?: boolean };

const ruleColors: Record<string, string> = {
  agreed: 'green',
  precedence: 'blue',
  resolution: 'purple',
  newest: 'gold',
};

/** Where one value came from: the source and its department, the batch (linked), the merge rule and when. */
export function ProvenanceCell({ provenance }: { provenance: ProvenanceEntry }) {
  const { t } = useTranslation('registry');
  return (
    <Flex vertical style={{ lineHeight: 1.5 }} data-testid={`provenance-${provenance.source}`}>
      <span>
        {provenance.sourceName ?? provenance.source}
        {provenance.department && (
          <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
            {provenance.department}
          </Typography.Text>
        )}
      </span>
      <Flex gap={6} align="center" wrap style={{ fontSize: 12 }}>
        {provenance.batchId > 0 ? (
          <Link to={batchPath(provenance.batchId)}>{t('entity.batch', { id: provenance.batchId })}</Link>
        ) : (
          <Typography.Text type="secondary">{t('entity.directDelivery')}</Typography.Text>
        )}
        <Tag color={ruleColors[provenance.rule]} style={{ marginInlineEnd: 0 }}>
          {t(`rules.${provenance.rule}`, { defaultValue: provenance.rule })}
        </Tag>
        {provenance.observedAt && (
          <Typography.Text type="secondary">
            {t('entity.observedAt', { at: formatDateTime(provenance.observedAt) })}
          </Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}

/** The values worked out from others (age, birthplace, organization type), as rows after the merged ones. */
function derivedRows(entity: EntityView, t: TFunction<'registry'>): Row[] {
  const { age, birthplace, orgType } = entity.derived;
  const rows: Row[] = [];
  if (age !== undefined)
    rows.push({
      code: 'age',
      name: t('entity.age'),
      value: age === null ? null : t('entity.ageValue', { age }),
    });
  if (birthplace !== undefined)
    rows.push({
      code: 'birthplace',
      name: t('entity.birthplace'),
      value: birthplace && (
        <span data-testid="derived-birthplace">
          {birthplace.name ?? '—'}{' '}
          <Typography.Text type="secondary" code>
            {birthplace.code}
          </Typography.Text>
          {birthplace.historical && (
            <Tooltip title={t('entity.historicalHint')}>
              <Tag color="orange" style={{ marginLeft: 6 }}>
                {t('entity.historical')}
              </Tag>
            </Tooltip>
          )}
        </span>
      ),
    });
  if (orgType !== undefined)
    rows.push({ code: 'org_type_derived', name: t('entity.orgType'), value: orgType });
  return rows.map((r) => ({ ...r, derived: true }));
}

/**
 * The merged values of an entity, item by item, each with its provenance; items in an open conflict are
 * marked; derived values follow.
 */
export function EntityValues({ entity }: { entity: EntityView }) {
  const { t } = useTranslation('registry');
  const labels = useLabels(entity.registry);
  const disputed = new Set(entity.conflicts.map((c) => c.item));
  const rows: Row[] = [
    ...entity.items.map((item) => ({
      code: item.code,
      name: labels.item(item.code, item.name),
      value: entity.values[item.code],
      provenance: entity.values[item.code] ? entity.provenance[item.code] : undefined,
    })),
    ...derivedRows(entity, t),
  ];

  const columns: ColumnsType<Row> = [
    {
      key: 'item',
      title: t('entity.item'),
      width: 200,
      render: (_, r) => (
        <Flex gap={6} align="center">
          <span>{r.name}</span>
          {disputed.has(r.code) && (
            <Tooltip title={t('entity.conflicts')}>
              <WarningOutlined style={{ color: '#faad14' }} />
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: 'value',
      title: t('entity.value'),
      render: (_, r) =>
        r.value === undefined || r.value === null || r.value === '' ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <span data-testid={`value-${r.code}`}>{r.value}</span>
        ),
    },
    {
      key: 'provenance',
      title: t('entity.provenance'),
      width: 360,
      render: (_, r) =>
        r.derived ? (
          <Tag>{t('entity.derivedTag')}</Tag>
        ) : r.provenance ? (
          <ProvenanceCell provenance={r.provenance} />
        ) : null,
    },
  ];

  return (
    <Table<Row>
      rowKey="code"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      data-testid="entity-values"
    />
  );
}
