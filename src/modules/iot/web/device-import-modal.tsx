import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { useShowOnce } from '../../../../web/kit/show-once.tsx';
import { devicesKey, downloadTemplate, importDevices } from './devices-api.ts';
import type { ImportResult } from './iot-types.ts';

type Trial = { file: File; result?: ImportResult; error?: string };

/** The new devices' tokens as "code token" lines, whichever shape the server sends them in. */
function tokenLines(tokens: ImportResult['tokens']): string {
  if (!tokens) return '';
  const pairs = Array.isArray(tokens) ? tokens.map((x) => [x.code, x.token]) : Object.entries(tokens);
  return pairs.map(([code, token]) => `${code}\t${token}`).join('\n');
}

/**
 * 批量导入: a workbook of devices is first tried (nothing saved) and its problems listed by sheet and row; only a
 * clean trial can be confirmed. The new devices' tokens are shown once, to copy.
 */
export function DeviceImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('iot');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showOnce = useShowOnce();
  const [trial, setTrial] = useState<Trial>();
  const [busy, setBusy] = useState(false);

  const attempt = async (file: File, dryRun: boolean): Promise<Trial> => {
    try {
      return { file, result: await importDevices(file, dryRun) };
    } catch (error) {
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
    if (!done.result || done.result.errors.length) return setTrial(done);
    await queryClient.invalidateQueries({ queryKey: devicesKey });
    message.success(t('import.done', { created: done.result.created, updated: done.result.updated }));
    onClose();
    const lines = tokenLines(done.result.tokens);
    if (lines) showOnce(t('import.tokensTitle'), t('import.tokensLabel'), lines);
  };

  const result = trial?.result;
  const clean = !!result && result.errors.length === 0 && result.created + result.updated > 0;

  return (
    <Modal
      open
      title={t('import.title')}
      width={760}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common:common.cancel')}</Button>
          <Button
            type="primary"
            disabled={!clean}
            loading={busy && !!result}
            onClick={confirm}
            data-testid="device-import-confirm"
          >
            {t('import.confirm')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('import.hint')}
        </Typography.Paragraph>
        <Space>
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            // Only tried here; nothing is saved until the trial is read and confirmed.
            beforeUpload={(file) => {
              void tryFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy && !result} data-testid="device-import-file">
              {trial ? t('import.another') : t('import.choose')}
            </Button>
          </Upload>
          {trial && <Typography.Text>{trial.file.name}</Typography.Text>}
          <Button
            type="link"
            icon={<DownloadOutlined />}
            onClick={() => downloadTemplate().catch((error) => message.error(errorText(error)))}
          >
            {t('import.template')}
          </Button>
        </Space>
        {trial?.error && <Alert type="error" showIcon title={trial.error} />}
        {result && result.errors.length === 0 && (
          <Alert
            type={clean ? 'success' : 'info'}
            showIcon
            data-testid="device-import-preview"
            title={
              clean
                ? t('import.preview', { created: result.created, updated: result.updated })
                : t('import.nothing')
            }
          />
        )}
        {result && result.errors.length > 0 && (
          <>
            <Alert type="error" showIcon title={t('import.problems', { count: result.errors.length })} />
            <Table
              size="small"
              rowKey={(e) => `${e.sheet}:${e.row}:${e.field}`}
              dataSource={result.errors}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              data-testid="device-import-errors"
              columns={[
                { key: 'sheet', title: t('import.sheet'), render: (_, e) => e.sheet },
                { key: 'row', title: t('import.row'), render: (_, e) => e.row },
                { key: 'field', title: t('import.field'), render: (_, e) => e.field },
                { key: 'reason', title: t('import.reason'), render: (_, e) => e.reason },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
