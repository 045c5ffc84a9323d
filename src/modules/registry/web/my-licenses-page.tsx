import { IdcardOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, Flex, QRCode, Result, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../web/kit/api.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { type License, useMyLicenses } from './license-api.ts';
import { licenseDetails } from './license-details.tsx';
import { LicenseStatusTag } from './license-status-tag.tsx';

/**
 * 我的证照: a citizen's own e-licenses (by the ID number on their account), each with its QR code to show when
 * asked for the license. The QR code is drawn in the browser by antd's QRCode; its content is shown beside it too.
 */
export function MyLicensesPage() {
  const { t } = useTranslation('registry');
  const mine = useMyLicenses();

  if (mine.error instanceof ApiError && mine.error.code === 'no_id_number')
    return (
      <Result
        icon={<IdcardOutlined />}
        title={t('licenses.mine.noIdNumber')}
        subTitle={t('licenses.mine.noIdNumberHint')}
      />
    );
  if (mine.error) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <>
      <PageHeader title={t('licenses.mine.title')} description={t('licenses.mine.description')} />
      {mine.isPending ? (
        <Spin />
      ) : mine.data.length === 0 ? (
        <Empty description={t('licenses.mine.empty')} />
      ) : (
        <Row gutter={[16, 16]} data-testid="my-licenses">
          {mine.data.map((license) => (
            <Col key={license.id} xs={24} xl={12}>
              <LicenseCard license={license} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

/** One license: its details, and its QR code unless it is revoked (a revoked license is not to be shown). */
function LicenseCard({ license }: { license: License }) {
  const { t } = useTranslation('registry');
  const showQr = license.qr && license.status !== 'revoked';
  return (
    <Card
      title={license.typeName}
      extra={<LicenseStatusTag status={license.status} />}
      data-testid="my-license"
    >
      <Flex gap={24} wrap>
        {showQr && (
          <Flex vertical align="center" gap={8}>
            <QRCode value={license.qr!} size={168} errorLevel="M" aria-label={t('licenses.qr.title')} />
            <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 200, textAlign: 'center' }}>
              {t('licenses.qr.hint')}
            </Typography.Text>
          </Flex>
        )}
        <Descriptions
          column={1}
          size="small"
          style={{ flex: 1, minWidth: 260 }}
          items={[
            ...licenseDetails(t, license),
            ...(showQr
              ? [
                  {
                    key: 'qr',
                    label: t('licenses.qr.content'),
                    children: (
                      <Typography.Text
                        copyable={{ text: license.qr!, tooltips: [t('licenses.qr.copy')] }}
                        style={{ fontFamily: 'monospace', fontSize: 11, wordBreak: 'break-all' }}
                        data-testid="my-license-qr"
                      >
                        {license.qr}
                      </Typography.Text>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Flex>
    </Card>
  );
}
