import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Dropdown, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../../../web/kit/api.ts';
import {
  catalogKey,
  downloadTemplate,
  type ExportFilters,
  exportCatalog,
  type ImportProblem,
  type ImportResult,
  importCatalog,
} from './catalog-api.ts';

/** The catalog page's export menu: the listed resources as the XLSX sheet or DCAT-AP JSON-LD, and the template. */
export function ExportMenu({ filters }: { filters: ExportFilters }) {
  const { t } = useTranslation('catalog');
  const { message } = App.useApp();
  const run = (download: () => Promise<void>) => download().catch((error) => message.error(errorText(error)));
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: <span data-testid="catalog-export-xlsx">{t('exchange.exportXlsx')}</span> },
          {
            key: 'jsonld',
            label: <span data-testid="catalog-export-jsonld">{t('exchange.exportDcat')}</span>,
          },
          { type: 'divider' },
          { key: 'template', label: <span data-testid="catalog-template">{t('exchange.template')}</span> },
        ],
        onClick: ({ key }) =>
          run(() =>
            key === 'template' ? downloadTemplate() : exportCatalog(key as 'xlsx' | 'jsonld', filters),
          ),
      }}
    >
      <Button icon={<DownloadOutlined />} title={t('exchange.exportHint')} data-testid="catalog-export">
        {t('exchange.export')}
      </Button>
    </Dropdown>
  );
}

/** What the trial of a file found: what it would do, or why it is refused. */
type Trial = { file: File; result?: ImportResult; problems?: ImportProblem[]; error?: string };

/**
 * The catalog page's import: a file is tried first (a dry run, nothing saved) and its outcome shown, resources to
 * create and update or every problem by sheet and row; only a clean trial can be confirmed, which imports it.
 */
export function ImportButton() {
  const { t } = useTranslation('catalog');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="catalog-import">
        {t('exchange.import')}
      </Button>
      {open && <ImportModal onClose={() => setOpen(false)} />}
    </>
  );
}

function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('catalog');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [trial, setTrial] = useState<Trial>();
  const [busy, setBusy] = useState(false);

  const attempt = async (file: File, dryRun: boolean): Promise<Trial> => {
    try {
      return { file, result: await importCatalog(file, dryRun) };
    } catch (error) {
      if (error instanceof SyntaxError)
        return { file, error: t('exchange.notJson', { reason: error.message }) };
      if (error instanceof ApiError && error.fields.length)
        return { file, problems: error.fields as ImportProblem[], error: error.summary };
      return { file, error: errorText(error) };
    }
  };

  const tryFile = async (file: File) => {
    setBusy(true);
    setTrial({ file });
    setTrial(await attempt(file, true));
    setBusy(false);
  };

  const confirm = async () => {
    if (!trial) return;
    setBusy(true);
    const done = await attempt(trial.file, false);
    setBusy(false);
    if (!done.result) {
      setTrial(done);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: catalogKey });
    message.success(
      t('exchange.done', { created: done.result.created.length, updated: done.result.updated.length }),
    );
    onClose();
  };

  const result = trial?.result;
  const changes = result ? result.created.length + result.updated.length : 0;

  return (
    <Modal
      open
      title={t('exchange.importTitle')}
      width={760}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('exchange.cancel')}</Button>
          <Button
            type="primary"
            disabled={!result || !changes}
            loading={busy && !!result}
            onClick={confirm}
            data-testid="catalog-import-confirm"
          >
            {t('exchange.confirm')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('exchange.importHint')}
        </Typography.Paragraph>
        <Upload
          accept=".xlsx,.jsonld,.json"
          maxCount={1}
          showUploadList={false}
          // The file is only tried here; nothing is sent until the trial is read and confirmed.
          beforeUpload={(file) => {
            void tryFile(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy && !result} data-testid="catalog-import-file">
            {trial ? t('exchange.another') : t('exchange.choose')}
          </Button>
          {trial && <Typography.Text style={{ marginInlineStart: 8 }}>{trial.file.name}</Typography.Text>}
        </Upload>
        {busy && !trial?.result && !trial?.error && (
          <Typography.Text>{t('exchange.checking')}</Typography.Text>
        )}
        {result && <Preview result={result} />}
        {trial?.error && !trial.problems && <Alert type="error" showIcon message={trial.error} />}
        {trial?.problems && <Problems problems={trial.problems} />}
      </Space>
    </Modal>
  );
}

/** A clean trial: the codes of the resources it would create and update, and how many stay as they are. */
function Preview({ result }: { result: ImportResult }) {
  const { t } = useTranslation('catalog');
  const codes = (list: string[], color: string) =>
    list.map((code) => (
      <Tag key={code} color={color}>
        {code}
      </Tag>
    ));
  return (
    <Alert
      type={result.created.length + result.updated.length ? 'info' : 'success'}
      showIcon
      data-testid="catalog-import-preview"
      message={result.saved ? undefined : t('exchange.preview')}
      description={
        result.created.length + result.updated.length ? (
          <Space direction="vertical">
            <span>
              {t('exchange.counts', {
                created: result.created.length,
                updated: result.updated.length,
                unchanged: result.unchanged.length,
              })}
            </span>
            <div data-testid="catalog-import-created">{codes(result.created, 'green')}</div>
            <div data-testid="catalog-import-updated">{codes(result.updated, 'blue')}</div>
          </Space>
        ) : (
          t('exchange.nothing')
        )
      }
    />
  );
}

/** A refused trial: every problem, placed by sheet and row (or dataset) and field, in the user's language. */
function Problems({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation('catalog');
  const place = (p: ImportProblem) =>
    p.sheet && p.row
      ? t('exchange.sheetRow', { sheet: p.sheet, row: p.row })
      : p.sheet
        ? t('exchange.sheet', { sheet: p.sheet })
        : p.dataset !== undefined
          ? t('exchange.dataset', { n: p.dataset + 1 })
          : '';
  return (
    <>
      <Alert type="error" showIcon message={t('exchange.refused', { n: problems.length })} />
      <Table<ImportProblem & { n: number }>
        rowKey="n"
        size="small"
        data-testid="catalog-import-problems"
        pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        dataSource={problems.map((p, n) => ({ ...p, n }))}
        columns={[
          { key: 'place', title: t('exchange.place'), width: 200, render: (_, p) => place(p) },
          { key: 'field', title: t('exchange.field'), width: 140, render: (_, p) => p.field || '—' },
          { key: 'problem', title: t('exchange.problem'), render: (_, p) => p.message },
        ]}
      />
    </>
  );
}
