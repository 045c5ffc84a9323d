import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageSizing } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { ReasonTag } from './batch-tags.tsx';
import { type Issue, type IssueField, type IssueKind, useIssues } from './ingest-api.ts';

/**
 * One page after another of a batch's rejected (or flagged) rows: the row's number in the file, its reasons in
 * words, each led by the column it came from, and the values as the file held them, one column per file column
 * in `columns` order. `itemName` names an item that no column fed.
 */
export function IssuesTable({
  batchId,
  kind,
  reason,
  columns: order,
  itemName,
}: {
  batchId: number;
  kind: IssueKind;
  reason?: string;
  columns: string[];
  itemName: (code: string) => string;
}) {
  const { t } = useTranslation('ingest');
  const [page, setPage] = useState({ current: 1, size: 20, reason });
  // Another reason filter starts again at page 1.
  if (page.reason !== reason) setPage({ current: 1, size: page.size, reason });
  const issues = useIssues(batchId, kind, reason, page.current, page.size);

  if (issues.isError) return <LoadError error={issues.error} onRetry={() => issues.refetch()} />;

  // Columns the file had that `order` does not know come last.
  const headers = [...order];
  for (const row of issues.data?.items ?? [])
    for (const header of Object.keys(row.raw)) if (!headers.includes(header)) headers.push(header);

  // The columns one reason of a row came from; an item no column fed is named instead.
  const columnsOf = (fields: IssueField[], code: string) => [
    ...new Set(
      fields
        .filter((f) => f.reason === code)
        .map((f) => f.column ?? t('issues.noColumn', { item: itemName(f.item) })),
    ),
  ];

  const columns: ColumnsType<Issue> = [
    {
      key: 'row',
      dataIndex: 'row',
      title: <Tooltip title={t('issues.rowHint')}>{t('issues.row')}</Tooltip>,
      width: 80,
      align: 'right',
      fixed: 'left',
    },
    {
      key: 'reasons',
      dataIndex: 'reasons',
      title: t('issues.reasons'),
      // Wide enough for a reason led by its column ("出生日期：日期无效").
      width: 300,
      fixed: 'left',
      render: (reasons: string[], row: Issue) =>
        reasons.map((code) => <ReasonTag key={code} code={code} columns={columnsOf(row.fields, code)} />),
    },
    ...headers.map((header) => ({
      key: `raw:${header}`,
      title: header,
      width: 160,
      ellipsis: { showTitle: true },
      render: (_: unknown, row: Issue) =>
        row.raw[header] ? (
          row.raw[header]
        ) : (
          <Typography.Text type="secondary">{t('issues.empty')}</Typography.Text>
        ),
    })),
  ];

  return (
    <Table<Issue>
      rowKey="row"
      size="small"
      columns={columns}
      dataSource={issues.data?.items}
      loading={issues.isFetching}
      tableLayout="fixed"
      scroll={{ x: 380 + headers.length * 160 }}
      data-testid={`issues-${kind}`}
      locale={{
        emptyText: (
          <TableEmpty text={t(kind === 'rejected' ? 'issues.noneRejected' : 'issues.noneWarning')} />
        ),
      }}
      pagination={{
        current: page.current,
        pageSize: page.size,
        total: issues.data?.total ?? 0,
        ...pageSizing,
        onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size, reason }),
      }}
    />
  );
}
