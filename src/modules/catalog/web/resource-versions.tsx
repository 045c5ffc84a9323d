import { ArrowRightOutlined, DiffOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { useAllDepartments } from '../../org/web/index.ts';
import type { Resource } from '../contract.ts';
import { useVersionDiff, useVersions, type VersionDiff, type VersionEntry } from './catalog-api.ts';
import { PersonalTag } from './catalog-tags.tsx';
import type { ItemValues } from './items-editor.tsx';

type Change = VersionDiff['changes'][number];
type Kind = 'added' | 'removed' | 'changed';
/** A row of the diff table: one changed field, or a data item added or removed as a whole. */
type Row = { path: string; kind: Kind; from?: unknown; to?: unknown };

const kindColors = { added: 'green', removed: 'red', changed: 'blue' } as const;
const kindOf = (c: Change): Kind =>
  c.from === undefined ? 'added' : c.to === undefined ? 'removed' : 'changed';
const itemField = /^items\[([^\]]+)\]\.(.+)$/;

/**
 * The server's changes as table rows. It lists every field of an added or removed data item apart
 * (items[amount].code, items[amount].name …); such an item becomes one row holding the whole item.
 */
export function diffRows(changes: Change[]): Row[] {
  // An item whose code came or went came or went as a whole; a field added to a kept item is a field change.
  const whole = new Map<string, Kind>();
  for (const c of changes) {
    const m = itemField.exec(c.path);
    if (m?.[2] === 'code' && kindOf(c) !== 'changed') whole.set(m[1]!, kindOf(c));
  }
  const rows: Row[] = [];
  const items = new Map<string, Record<string, unknown>>();
  for (const c of changes) {
    const m = itemField.exec(c.path);
    const kind = m && whole.get(m[1]!);
    if (!m || !kind) {
      rows.push({ ...c, kind: kindOf(c) });
      continue;
    }
    let item = items.get(m[1]!);
    if (!item) {
      item = {};
      items.set(m[1]!, item);
      rows.push({ path: `items[${m[1]}]`, kind, [kind === 'added' ? 'to' : 'from']: item });
    }
    // Nested fields (validator.enum) go back into their objects.
    const keys = m[2]!.split('.');
    let target = item;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys.at(-1)!] = kind === 'added' ? c.to : c.from;
  }
  return rows;
}

// Fields whose values are codes with a label in the module's strings.
const labelled: Record<string, string> = {
  classification: 'classifications',
  format: 'formats',
  shareType: 'shareTypes',
  openType: 'openTypes',
  updateCycle: 'updateCycles',
  type: 'itemTypes',
};

/** The 版本 tab: a resource's versions, and what changed between any two of them. */
export function ResourceVersions({ resource }: { resource: Resource }) {
  const { t } = useTranslation('catalog');
  const versions = useVersions(resource.code);
  const departments = useAllDepartments();
  // Compare the two latest versions unless the user picks others.
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const from = picked.from ?? (resource.version > 1 ? resource.version - 1 : undefined);
  const to = picked.to ?? (resource.version > 1 ? resource.version : undefined);
  const diff = useVersionDiff(resource.code, from, to);

  if (versions.isError) return <LoadError error={versions.error} onRetry={() => versions.refetch()} />;

  const versionColumns: ColumnsType<VersionEntry> = [
    {
      key: 'version',
      dataIndex: 'version',
      title: t('fields.version'),
      width: 120,
      render: (v: number) => (
        <Space size={4}>
          <Typography.Text strong>v{v}</Typography.Text>
          {v === resource.version && <Tag color="blue">{t('versions.current')}</Tag>}
        </Space>
      ),
    },
    { key: 'changedBy', dataIndex: 'changedBy', title: t('versions.changedBy'), width: 160 },
    {
      key: 'changedAt',
      dataIndex: 'changedAt',
      title: t('versions.changedAt'),
      width: 190,
      render: (at: string) => formatDateTime(at, true),
    },
    {
      key: 'changeNote',
      dataIndex: 'changeNote',
      title: t('fields.changeNote'),
      render: (note: string | null) => note ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'actions',
      title: t('common:common.actions'),
      width: 160,
      render: (_, v) =>
        v.version > 1 && (
          <Button
            type="link"
            size="small"
            icon={<DiffOutlined />}
            onClick={() => setPicked({ from: v.version - 1, to: v.version })}
          >
            {t('versions.compareWithPrevious')}
          </Button>
        ),
    },
  ];

  const label = (path: string) => pathLabel(path, t);
  const value = (path: string, v: unknown): ReactNode => {
    if (v === undefined || v === null || v === '')
      return <Typography.Text type="secondary">—</Typography.Text>;
    if (/^items\[[^\]]+\]$/.test(path)) return itemSummary(v as ItemValues);
    const field = path.split('.').pop()!.replace(/\[.*$/, '');
    if (field === 'providerDepartmentId' && typeof v === 'number')
      return departments.data?.find((d) => d.id === v)?.name ?? `#${v}`;
    if (typeof v === 'string' && labelled[field]) return t(`${labelled[field]}.${v}`, { defaultValue: v });
    if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
    if (Array.isArray(v) && v.every((x) => typeof x !== 'object'))
      return v.length ? v.join('、') : <Typography.Text type="secondary">—</Typography.Text>;
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };

  // An item added or removed as a whole: its name and type, and whether it is required or personal.
  const itemSummary = (item: ItemValues) => (
    <Space size={4} wrap>
      <span>
        {t('versions.itemSummary', {
          name: item.name,
          type: t(`itemTypes.${item.type}`, { defaultValue: item.type }),
        })}
      </span>
      {item.required && <Tag>{t('itemFields.required')}</Tag>}
      {item.personal && <PersonalTag />}
    </Space>
  );

  const diffColumns: ColumnsType<Row> = [
    {
      key: 'kind',
      title: t('versions.change'),
      width: 90,
      render: (_, c) => <Tag color={kindColors[c.kind]}>{t(`versions.kinds.${c.kind}`)}</Tag>,
    },
    {
      key: 'path',
      dataIndex: 'path',
      title: t('versions.path'),
      width: 280,
      render: (path: string) => (
        <Flex vertical>
          <span>{label(path)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {path}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'from',
      title: t('versions.from', { version: diff.data?.from ?? from }),
      render: (_, c) => (
        <Typography.Text delete={c.kind === 'removed'} type={c.kind === 'removed' ? 'danger' : undefined}>
          {value(c.path, c.from)}
        </Typography.Text>
      ),
    },
    {
      key: 'to',
      title: t('versions.to', { version: diff.data?.to ?? to }),
      render: (_, c) => (
        <Typography.Text type={c.kind === 'added' ? 'success' : undefined} strong={c.kind !== 'removed'}>
          {value(c.path, c.to)}
        </Typography.Text>
      ),
    },
  ];

  const options = (versions.data ?? []).map((v) => ({ value: v.version, label: `v${v.version}` }));
  const rows = diffRows(diff.data?.changes ?? []);
  const counts: Record<Kind, number> = { added: 0, removed: 0, changed: 0 };
  for (const row of rows) counts[row.kind]++;

  return (
    <Flex vertical gap={16}>
      <Table<VersionEntry>
        rowKey="version"
        size="middle"
        columns={versionColumns}
        dataSource={versions.data}
        loading={versions.isPending}
        pagination={false}
        data-testid="resource-versions"
      />
      <Card
        size="small"
        title={
          <Space>
            <DiffOutlined />
            {t('versions.compare')}
          </Space>
        }
        extra={
          resource.version > 1 && (
            <Space>
              <Select
                aria-label={t('versions.fromLabel')}
                value={from}
                onChange={(v) => setPicked({ from: v, to })}
                options={options}
                style={{ width: 90 }}
                data-testid="diff-from"
              />
              <ArrowRightOutlined />
              <Select
                aria-label={t('versions.toLabel')}
                value={to}
                onChange={(v) => setPicked({ from, to: v })}
                options={options}
                style={{ width: 90 }}
                data-testid="diff-to"
              />
            </Space>
          )
        }
      >
        {resource.version === 1 ? (
          <Alert type="info" showIcon title={t('versions.onlyOne')} />
        ) : from === to ? (
          <Alert type="info" showIcon title={t('versions.sameVersion')} />
        ) : diff.isError ? (
          <LoadError error={diff.error} onRetry={() => diff.refetch()} />
        ) : (
          <>
            {diff.data && (
              <Typography.Paragraph type="secondary" data-testid="version-diff-summary">
                {t('versions.summary', { ...counts, from: diff.data.from, to: diff.data.to })}
              </Typography.Paragraph>
            )}
            <Table<Row>
              rowKey="path"
              size="small"
              columns={diffColumns}
              dataSource={diff.data && rows}
              loading={diff.isFetching}
              pagination={false}
              scroll={{ x: 900 }}
              locale={{ emptyText: <TableEmpty text={t('versions.noChanges')} /> }}
              data-testid="version-diff"
            />
          </>
        )}
      </Card>
    </Flex>
  );
}

/** A diff path in words: "items[id_number].validator.pattern" → "数据项 id_number · 正则表达式". */
function pathLabel(path: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const item = /^items\[([^\]]+)\](?:\.(.+))?$/.exec(path);
  if (item) {
    const [, code, rest] = item;
    if (!rest) return t('versions.item', { code });
    const field = rest.split('.').pop()!;
    return `${t('versions.item', { code })} · ${t(`itemFields.${field}`, { defaultValue: rest })}`;
  }
  const field = path === 'providerDepartmentId' ? 'provider' : path;
  return t(`fields.${field}`, { defaultValue: path });
}
