import { Tag } from 'antd-mobile';
import { useT } from '../../../../web/m/i18n.ts';
import type { ReportStage } from './report-api.ts';

const colors: Record<ReportStage, string> = {
  received: 'default',
  dispatched: 'primary',
  handling: 'primary',
  paused: 'warning',
  replied: 'warning',
  closed: 'success',
  merged: 'default',
};

/** A report's stage as a coloured tag, in plain words. */
export function StageTag({ stage }: { stage: ReportStage }) {
  const t = useT('citizen');
  return (
    <Tag
      color={colors[stage]}
      fill="outline"
      style={{ fontSize: 12 }}
      data-testid="report-stage"
      data-stage={stage}
    >
      {t(`stage.${stage}`)}
    </Tag>
  );
}

/** The China-local date and time of an ISO instant, as residents read it (2026-05-01 09:30). */
export function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
