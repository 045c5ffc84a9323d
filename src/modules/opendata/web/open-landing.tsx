import { ClockCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Col, Flex, List, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../../web/kit/format.ts';
import { datasetPath, type OpenLicense, type OpenOverview, type OpenTerms } from './opendata-api.ts';

const figures = ['datasets', 'departments', 'rows', 'downloads'] as const;

/** The portal's landing figures (datasets, departments, records, downloads) and the newest data. */
export function OpenFigures({ overview }: { overview: OpenOverview | undefined }) {
  const { t } = useTranslation('opendata');
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="open-figures">
      <Col xs={24} lg={14}>
        <Row gutter={[16, 16]}>
          {figures.map((key) => (
            <Col xs={12} md={6} lg={12} xl={6} key={key}>
              <Card size="small">
                <div data-testid={`open-figure-${key}`}>
                  <Statistic
                    title={t(`portal.figures.${key}`)}
                    value={overview?.[key] ?? 0}
                    loading={!overview}
                  />
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      </Col>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title={
            <>
              <ClockCircleOutlined /> {t('portal.recent')}
            </>
          }
          data-testid="open-recent"
        >
          {overview ? (
            <List
              size="small"
              split={false}
              dataSource={overview.recent}
              renderItem={(d) => (
                <List.Item style={{ padding: '2px 0' }} extra={formatDate(d.dataUpdatedAt)}>
                  <Link to={datasetPath(d.name)}>{d.title}</Link>
                </List.Item>
              )}
            />
          ) : (
            <Skeleton active paragraph={{ rows: 3 }} title={false} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** The license (linked to its text) and the terms of use in the page's language. */
export function LicenseTerms({ license, terms }: { license: OpenLicense; terms: OpenTerms }) {
  const { t, i18n } = useTranslation('opendata');
  const english = i18n.language === 'en';
  return (
    <Flex vertical gap={4} data-testid="open-license">
      <Typography.Text>
        <SafetyCertificateOutlined />{' '}
        <a href={license.url} target="_blank" rel="noreferrer license" data-testid="open-license-link">
          {english ? license.title : license.titleZh}
        </a>{' '}
        <Typography.Text type="secondary">({license.id})</Typography.Text>
      </Typography.Text>
      <Typography.Text strong>{t('dataset.terms')}</Typography.Text>
      <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="open-terms">
        {(english ? terms.en : terms['zh-CN']).map((line) => (
          <li key={line}>
            <Typography.Text type="secondary">{line}</Typography.Text>
          </li>
        ))}
      </ol>
    </Flex>
  );
}

/** The portal's card with the license every dataset shares and the terms of use. */
export function LicenseCard({ overview }: { overview: OpenOverview | undefined }) {
  const { t, i18n } = useTranslation('opendata');
  if (!overview) return null;
  const { license } = overview;
  return (
    <Card size="small" title={t('portal.licenseTitle')} style={{ marginTop: 16 }}>
      <Typography.Paragraph>
        {t('portal.licenseLine', { license: i18n.language === 'en' ? license.title : license.titleZh })}
      </Typography.Paragraph>
      <LicenseTerms license={license} terms={overview.terms} />
    </Card>
  );
}
