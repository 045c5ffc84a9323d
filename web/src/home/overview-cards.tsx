import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Card, Flex, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../kit/format.ts';

const icons: Record<string, ReactNode> = {
  departments: <ApartmentOutlined />,
  subdistricts: <EnvironmentOutlined />,
  communities: <HomeOutlined />,
  users: <TeamOutlined />,
  resources: <DatabaseOutlined />,
  auditEntries: <AuditOutlined />,
};

/** One card per figure the server reports; modules add figures, so unknown keys are shown under their own name. */
export function OverviewCards({ figures }: { figures: Record<string, number> }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex wrap gap={16}>
      {Object.entries(figures).map(([key, value]) => (
        <Card key={key} variant="borderless" style={{ flex: '1 1 160px' }} data-testid={`stat-${key}`}>
          <Statistic
            title={i18n.exists(`home.stats.${key}`) ? t(`home.stats.${key}`) : key}
            value={value}
            formatter={(v) => formatNumber(Number(v))}
            prefix={
              <span style={{ color: '#1668dc', marginRight: 4 }}>{icons[key] ?? <BarChartOutlined />}</span>
            }
          />
        </Card>
      ))}
    </Flex>
  );
}
