import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectionStatus } from './objection-api.ts';

const colors: Record<ObjectionStatus, string> = {
  open: 'orange',
  accepted: 'green',
  rejected: 'red',
  closed: 'default',
};

/** An objection's status as a coloured tag. */
export function ObjectionStatusTag({ status }: { status: ObjectionStatus }) {
  const { t } = useTranslation('registry');
  return (
    <Tag color={colors[status]} data-testid="objection-status">
      {t(`objections.status.${status}`)}
    </Tag>
  );
}
