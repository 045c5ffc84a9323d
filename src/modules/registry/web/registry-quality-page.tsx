import {
  Breadcrumb,
  Card,
  Col,
  Progress,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { entityPath, type QualityReport, registryList, useRegistryQuality } from './objection-api.ts';

type Item = QualityReport['items'][number];
type Check = QualityReport['consistency']['checks'][number];
type Source = QualityReport['timeliness']['sources'][number];
type Sample = Check['samples'][number];

const percent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);

/** A ratio as a percentage, or "n/a" when nothing was there to measure. */
function Ratio({ value }: { value: number | null }) {
  const { t } = useTranslation('registry');
  const p = percent(value);
  return p === null ? (
    <Typography.Text type="secondary">{t('quality.notApplicable')}</Typography.Text>
  ) : (
    <>{p}%</>
  );
}

/** Links to the entities a check names (keys masked for people). */
function Samples({ registry, samples }: { registry: string; samples: Sample[] }) {
  if (!samples.length) return <>—</>;
  return (
    <Space size={[8, 0]} wrap>
      {samples.map((s) => (
        <Link key={s.ref} to={entityPath(registry, s.ref)}>
          {s.key}
        </Link>
      ))}
    </Space>
  );
}

/**
 * 数据质量 of one registry: completeness, validity, consistency and timeliness as figures, then the items, the
 * consistency checks with entities that fail them, and each source's last delivery against its update cycle.
 */
export function RegistryQualityPage() {
  const { t } = useTranslation('registry');
  const { registry = '' } = useParams();
  const known = (registryList as readonly string[]).includes(registry);
  const quality = useRegistryQuality(registry);
  if (!known) return <Result status="404" />;
  if (quality.error) return <LoadError error={quality.error} onRetry={() => quality.refetch()} />;
  const name = t(`registries.${registry}`);
  const q = quality.data;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/registry">{t('title')}</Link> },
          { title: <Link to={`/registry/${registry}`}>{name}</Link> },
          { title: t('quality.menu') },
        ]}
      />
      <PageHeader
        title={t('quality.title', { registry: name })}
        description={
          q
            ? t('quality.computedAt', { at: formatDateTime(q.computedAt), count: formatNumber(q.entities) })
            : t('quality.description')
        }
      />
      {!q ? (
        <Spin />
      ) : (
        <>
          <Dimensions q={q} />
          <ItemsTable registry={registry} items={q.items} />
          <ChecksTable registry={registry} checks={q.consistency.checks} />
          <SourcesTable sources={q.timeliness.sources} />
        </>
      )}
    </>
  );
}

/** The four dimensions as dials with their counts. */
function Dimensions({ q }: { q: QualityReport }) {
  const { t } = useTranslation('registry');
  const figures = [
    {
      key: 'completeness',
      ratio: q.completeness.ratio,
      passed: q.completeness.filled,
      total: q.completeness.expected,
    },
    { key: 'validity', ratio: q.validity.ratio, passed: q.validity.valid, total: q.validity.checked },
    {
      key: 'consistency',
      ratio: q.consistency.ratio,
      passed: q.consistency.passed,
      total: q.consistency.checked,
    },
    {
      key: 'timeliness',
      ratio: q.timeliness.ratio,
      passed: q.timeliness.sources.filter((s) => s.status === 'fresh').length,
      total: q.timeliness.sources.length,
    },
  ] as const;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {figures.map((f) => {
        const p = percent(f.ratio);
        return (
          <Col key={f.key} xs={12} lg={6}>
            <Card data-testid={`quality-${f.key}`}>
              <Space direction="vertical" align="center" style={{ width: '100%' }}>
                <Tooltip title={t(`quality.dimensionHelp.${f.key}`)}>
                  <Typography.Text strong>{t(`quality.dimensions.${f.key}`)}</Typography.Text>
                </Tooltip>
                <Progress
                  type="dashboard"
                  percent={p ?? 0}
                  format={() => (p === null ? t('quality.notApplicable') : `${p}%`)}
                  status={p !== null && p < 60 ? 'exception' : 'normal'}
                />
                <Typography.Text type="secondary">
                  {t('quality.counts', { passed: formatNumber(f.passed), total: formatNumber(f.total) })}
                </Typography.Text>
              </Space>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

/** Completeness and validity per item, with entities whose value fails its check. */
function ItemsTable({ registry, items }: { registry: string; items: Item[] }) {
  const { t } = useTranslation('registry');
  return (
    <Card title={t('quality.items.title')} style={{ marginBottom: 16 }}>
      <Table<Item>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={items}
        data-testid="quality-items"
        columns={[
          {
            key: 'item',
            title: t('quality.items.item'),
            render: (_, i) => (
              <Space>
                {i.name}
                <Typography.Text type="secondary">{i.code}</Typography.Text>
                {i.required && <Tag>{t('quality.items.required')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'filled',
            title: t('quality.items.filled'),
            align: 'right',
            render: (_, i) => formatNumber(i.filled),
          },
          {
            key: 'completeness',
            title: t('quality.items.completeness'),
            width: 200,
            render: (_, i) => <Progress percent={percent(i.completeness) ?? 0} size="small" />,
          },
          {
            key: 'validity',
            title: t('quality.items.validity'),
            render: (_, i) =>
              i.checked ? (
                <Space>
                  <Ratio value={i.validity} />
                  {i.filled > i.valid && (
                    <Typography.Text type="danger">
                      {t('quality.items.invalid')} {formatNumber(i.filled - i.valid)}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('quality.items.notChecked')}</Typography.Text>
              ),
          },
          {
            key: 'samples',
            title: t('quality.items.samples'),
            render: (_, i) => <Samples registry={registry} samples={i.samples} />,
          },
        ]}
      />
    </Card>
  );
}

/** Each consistency check: how many entities it applied to, how many pass, and some that fail. */
function ChecksTable({ registry, checks }: { registry: string; checks: Check[] }) {
  const { t } = useTranslation('registry');
  return (
    <Card title={t('quality.checks.title')} style={{ marginBottom: 16 }}>
      <Table<Check>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={checks}
        data-testid="quality-checks"
        locale={{ emptyText: t('quality.checks.none') }}
        columns={[
          {
            key: 'check',
            title: t('quality.checks.check'),
            render: (_, c) => t(`quality.checks.names.${c.code}`),
          },
          {
            key: 'checked',
            title: t('quality.checks.checked'),
            align: 'right',
            width: 110,
            render: (_, c) => formatNumber(c.checked),
          },
          {
            key: 'passed',
            title: t('quality.checks.passed'),
            align: 'right',
            width: 110,
            render: (_, c) => formatNumber(c.passed),
          },
          {
            key: 'ratio',
            title: t('quality.checks.ratio'),
            width: 110,
            render: (_, c) => <Ratio value={c.ratio} />,
          },
          {
            key: 'samples',
            title: t('quality.checks.samples'),
            render: (_, c) => <Samples registry={registry} samples={c.samples} />,
          },
        ]}
      />
    </Card>
  );
}

const freshColors = { fresh: 'green', late: 'red', never: 'default' } as const;

/** Each feeding source's last delivery, when the next is due and whether it is late. */
function SourcesTable({ sources }: { sources: Source[] }) {
  const { t } = useTranslation('registry');
  return (
    <Card title={t('quality.timeliness.title')}>
      <Table<Source>
        rowKey="source"
        size="small"
        pagination={false}
        dataSource={sources}
        data-testid="quality-sources"
        columns={[
          {
            key: 'source',
            title: t('quality.timeliness.source'),
            render: (_, s) => <Link to={`/catalog/${s.resourceCode}`}>{s.resourceName}</Link>,
          },
          { key: 'department', title: t('quality.timeliness.department'), dataIndex: 'departmentName' },
          {
            key: 'cycle',
            title: t('quality.timeliness.cycle'),
            render: (_, s) => t(`quality.cycles.${s.updateCycle}`, { defaultValue: s.updateCycle }),
          },
          {
            key: 'lastDelivery',
            title: t('quality.timeliness.lastDelivery'),
            render: (_, s) => formatDateTime(s.lastDelivery),
          },
          { key: 'dueBy', title: t('quality.timeliness.dueBy'), render: (_, s) => formatDateTime(s.dueBy) },
          {
            key: 'status',
            title: t('quality.timeliness.status'),
            render: (_, s) => <Tag color={freshColors[s.status]}>{t(`quality.timeliness.${s.status}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
