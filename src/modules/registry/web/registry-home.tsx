import {
  BankOutlined,
  EnvironmentOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Badge, Button, Card, Col, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import {
  componentMapPath,
  conflictsPath,
  type RegistryName,
  registryNames,
  registryPath,
  useConflictPage,
  useRegistryStats,
} from './registry-api.ts';

const icons: Record<RegistryName, ReactNode> = {
  population: <TeamOutlined />,
  legal_person: <BankOutlined />,
  license: <SafetyCertificateOutlined />,
  component: <EnvironmentOutlined />,
};

/** 基础库: the four registries with their entity counts, each leading to its search, plus the open conflicts. */
export function RegistryHome() {
  const { t } = useTranslation('registry');
  const navigate = useNavigate();
  const stats = useRegistryStats();
  const open = useConflictPage({ status: 'open', page: 1, pageSize: 1 });

  return (
    <>
      <PageHeader title={t('title')} description={t('home.description')} />
      {stats.isError ? (
        <LoadError error={stats.error} onRetry={() => stats.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {registryNames.map((registry) => (
            <Col key={registry} xs={24} md={12} xl={6}>
              <Card
                hoverable
                data-testid={`registry-card-${registry}`}
                onClick={() => navigate(registryPath(registry))}
                actions={[
                  <Link key="search" to={registryPath(registry)} onClick={(e) => e.stopPropagation()}>
                    {t('home.search')}
                  </Link>,
                  <Link
                    key="statistics"
                    to={registryPath(registry, 'statistics')}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {t('home.statistics')}
                  </Link>,
                  ...(registry === 'component'
                    ? [
                        <Link key="map" to={componentMapPath} onClick={(e) => e.stopPropagation()}>
                          {t('home.map')}
                        </Link>,
                      ]
                    : []),
                ]}
              >
                <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
                  <span style={{ fontSize: 20, color: '#1668dc' }}>{icons[registry]}</span>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {t(`registries.${registry}`)}
                  </Typography.Title>
                </Flex>
                {stats.data ? (
                  <Statistic
                    title={t('home.entities')}
                    value={stats.data[registry]}
                    data-testid={`registry-count-${registry}`}
                  />
                ) : (
                  <Skeleton active paragraph={{ rows: 1 }} title={false} />
                )}
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', minHeight: 44 }}>
                  {t(`descriptions.${registry}`)}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
          <Col xs={24}>
            <Card size="small">
              <Flex justify="space-between" align="center" gap={16} wrap>
                <Flex gap={12} align="center">
                  <WarningOutlined style={{ fontSize: 18, color: '#faad14' }} />
                  <div>
                    <Typography.Text strong>{t('home.conflicts')}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">{t('home.conflictsHint')}</Typography.Text>
                  </div>
                </Flex>
                <Flex gap={12} align="center">
                  {open.data && (
                    <Badge
                      status={open.data.total ? 'warning' : 'success'}
                      text={
                        open.data.total
                          ? t('home.openConflicts', { count: open.data.total })
                          : t('home.noOpenConflicts')
                      }
                      data-testid="open-conflicts"
                    />
                  )}
                  <Button onClick={() => navigate(conflictsPath)}>{t('home.conflicts')}</Button>
                </Flex>
              </Flex>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
