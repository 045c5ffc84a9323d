import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Batch, LayoutChoice, Preview } from './ingest-api.ts';

type Layout = NonNullable<Preview['layout']>;

/** How many skipped rows are listed on the page (the count says how many there were). */
const LISTED = 20;

/**
 * What the reader detected in a CSV or XLSX upload (header rows, merged header, sheets loaded and skipped, title,
 * totals and notes rows skipped), and the form to correct it: the header row(s) and the sheets to load.
 */
export function LayoutCard({
  preview,
  busy,
  onCorrect,
}: {
  preview: Preview & { layout: Layout };
  busy: boolean;
  onCorrect: (choice: LayoutChoice) => void;
}) {
  const { t } = useTranslation('ingest');
  const { layout, firstRows } = preview;
  const [headerRow, setHeaderRow] = useState(layout.headerRows[0]);
  const [twoRows, setTwoRows] = useState(layout.headerRows.length === 2);
  const [sheets, setSheets] = useState(layout.sheets.filter((s) => s.loaded).map((s) => s.name));
  const rowsText = layout.headerRows.join('–');
  const rowLabel = (row: { sheet: string | null; row: number }) =>
    row.sheet
      ? t('layout.rowOf', { sheet: row.sheet, row: row.row })
      : t('layout.rowOfFile', { row: row.row });

  const items = [
    {
      key: 'header',
      label: t('layout.headerRows'),
      children: (
        <Space size={4} wrap>
          <span data-testid="layout-header-rows">{t('layout.rows', { rows: rowsText })}</span>
          {layout.merged && (
            <Tag color="blue" data-testid="layout-merged">
              {t('layout.merged')}
            </Tag>
          )}
        </Space>
      ),
    },
    ...(layout.sheets.length
      ? [
          {
            key: 'sheets',
            label: t('layout.sheets'),
            children: (
              <Space size={4} wrap data-testid="layout-sheets">
                {layout.sheets.map((s) =>
                  s.loaded ? (
                    <Tag key={s.name} color="green">
                      {t('layout.sheetLoaded', { name: s.name, rows: s.rows })}
                    </Tag>
                  ) : (
                    <Tag key={s.name}>
                      {t('layout.sheetSkipped', {
                        name: s.name,
                        reason: t(`layout.sheetReasons.${s.reason ?? 'not_chosen'}`),
                      })}
                    </Tag>
                  ),
                )}
              </Space>
            ),
          },
        ]
      : []),
    {
      key: 'skipped',
      label: t('layout.skipped'),
      children: layout.skippedCount ? (
        <Flex vertical gap={4} data-testid="layout-skipped">
          <Typography.Text type="secondary">
            {t('layout.skippedCount', { count: layout.skippedCount })}
          </Typography.Text>
          {layout.skippedRows.slice(0, LISTED).map((row) => (
            <Typography.Text key={`${row.sheet}:${row.row}`} data-testid="layout-skipped-row">
              <Tag>{t(`layout.kinds.${row.kind}`)}</Tag>
              {rowLabel(row)}：<Typography.Text type="secondary">{row.text}</Typography.Text>
            </Typography.Text>
          ))}
        </Flex>
      ) : (
        t('layout.none')
      ),
    },
  ];

  const apply = () =>
    onCorrect({
      headerRows: twoRows ? [headerRow!, headerRow! + 1] : [headerRow!],
      ...(layout.sheets.length ? { sheets } : {}),
    });

  return (
    <Card size="small" title={t('layout.title')} data-testid="layout-card">
      <Flex vertical gap={12}>
        <Descriptions size="small" bordered column={1} items={items} />
        <Form layout="vertical" disabled={busy}>
          <Typography.Text strong>{t('layout.correct')}</Typography.Text>
          <Flex gap={16} wrap align="end">
            <Form.Item label={t('layout.headerRow')} style={{ marginBottom: 0, minWidth: 320, flex: 1 }}>
              <Select
                value={headerRow}
                onChange={setHeaderRow}
                aria-label={t('layout.headerRow')}
                data-testid="layout-header-row"
                options={firstRows.map((r) => ({
                  value: r.row,
                  label: `${t('layout.rowOfFile', { row: r.row })}：${r.cells.filter(Boolean).join(' | ')}`,
                }))}
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Checkbox
                checked={twoRows}
                onChange={(e) => setTwoRows(e.target.checked)}
                data-testid="layout-two-rows"
              >
                {t('layout.twoRows')}
              </Checkbox>
            </Form.Item>
          </Flex>
          {layout.sheets.length > 1 && (
            <Form.Item label={t('layout.chooseSheets')} style={{ marginTop: 12, marginBottom: 0 }}>
              <Checkbox.Group
                value={sheets}
                onChange={(v) => setSheets(v as string[])}
                options={layout.sheets.map((s) => ({ label: s.name, value: s.name }))}
                data-testid="layout-choose-sheets"
              />
            </Form.Item>
          )}
          <Button
            style={{ marginTop: 12 }}
            onClick={apply}
            loading={busy}
            disabled={headerRow === undefined || (layout.sheets.length > 0 && sheets.length === 0)}
            data-testid="layout-apply"
          >
            {t('layout.apply')}
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}

/** On a batch's report: the rows skipped as titles, totals and notes, and the sheets loaded and not. */
export function BatchLayoutNote({ batch }: { batch: Batch }) {
  const { t } = useTranslation('ingest');
  const layout = batch.layout;
  if (!layout || (!layout.skippedCount && layout.sheets.length < 2)) return null;
  const sheets = layout.sheets.map((s) =>
    s.loaded
      ? t('layout.sheetLoaded', { name: s.name, rows: s.rows })
      : t('layout.sheetSkipped', {
          name: s.name,
          reason: t(`layout.sheetReasons.${s.reason ?? 'not_chosen'}`),
        }),
  );
  return (
    <Alert
      type="info"
      showIcon
      title={t('layout.skippedCount', { count: layout.skippedCount })}
      description={sheets.length ? `${t('layout.sheets')}：${sheets.join('；')}` : undefined}
      data-testid="batch-layout"
    />
  );
}
