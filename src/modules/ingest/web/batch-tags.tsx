import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Batch, BatchStatus } from './ingest-api.ts';
import { warningReasons } from './ingest-api.ts';

const statusTags = {
  running: { color: 'processing', icon: <SyncOutlined spin /> },
  done: { color: 'success', icon: <CheckCircleOutlined /> },
  failed: { color: 'error', icon: <CloseCircleOutlined /> },
  interrupted: { color: 'warning', icon: <ExclamationCircleOutlined /> },
} as const;

/** 进行中 (spinning), 完成, 失败 or 已中断. */
export function StatusTag({ status }: { status: BatchStatus }) {
  const { t } = useTranslation('ingest');
  return (
    <Tag color={statusTags[status].color} icon={statusTags[status].icon} data-testid="batch-status">
      {t(`statuses.${status}`)}
    </Tag>
  );
}

const kindColors = { file: 'blue', push: 'purple', pull: 'cyan' } as const;

/** 文件上传, 接口推送 or 定时拉取. */
export function SourceKindTag({ kind }: { kind: Batch['sourceKind'] }) {
  const { t } = useTranslation('ingest');
  return <Tag color={kindColors[kind]}>{t(`sourceKinds.${kind}`)}</Tag>;
}

const warnings = new Set<string>(warningReasons);

/** True for the codes that only flag a row; the others reject it. */
export const isWarning = (code: string) => warnings.has(code);

/**
 * A reason in words, led by the columns it concerns when known ("出生日期：日期无效"): rejections in red, warnings in
 * orange; the code is a hover away.
 */
export function ReasonTag({ code, columns = [] }: { code: string; columns?: string[] }) {
  const { t } = useTranslation('ingest');
  const reason = t(`reasons.${code}`, { defaultValue: code });
  return (
    <Tooltip title={code}>
      <Tag color={isWarning(code) ? 'orange' : 'red'} style={{ marginInlineEnd: 4 }} data-testid="reason-tag">
        {columns.length ? t('issues.reasonAt', { column: columns.join('、'), reason }) : reason}
      </Tag>
    </Tooltip>
  );
}
