import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applicationsPath, grantsPath, notificationsPath } from './sharing-api.ts';

const sections = [
  { key: 'applications', path: applicationsPath },
  { key: 'grants', path: grantsPath },
  { key: 'notifications', path: notificationsPath },
] as const;

/** Switches between the sharing console's lists (one menu entry leads to all three). */
export function SharingNav({ active }: { active: (typeof sections)[number]['key'] }) {
  const { t } = useTranslation('sharing');
  const navigate = useNavigate();
  return (
    <Segmented
      style={{ marginBottom: 16 }}
      value={active}
      onChange={(key) => navigate(sections.find((s) => s.key === key)!.path)}
      options={sections.map((s) => ({ value: s.key, label: t(`nav.${s.key}`) }))}
      data-testid="sharing-nav"
    />
  );
}
