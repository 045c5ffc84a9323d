import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormStatus } from '../fields.ts';

const statusColors: Record<FormStatus, string> = { draft: 'default', published: 'green', closed: 'orange' };

/** A form's status as a coloured tag. */
export function FormStatusTag({ status }: { status: FormStatus }) {
  const { t } = useTranslation('forms');
  return (
    <Tag color={statusColors[status]} data-testid="form-status">
      {t(`status.${status}`)}
    </Tag>
  );
}
