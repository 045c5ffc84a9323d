import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';

/** "Active" in green or "inactive" in grey. */
export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      status={active ? 'success' : 'default'}
      text={active ? t('common.active') : t('common.inactive')}
    />
  );
}
