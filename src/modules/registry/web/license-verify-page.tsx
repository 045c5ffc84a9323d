import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, StopFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../../../web/kit/api.ts';
import { AuthScreen } from '../../../../web/kit/auth-screen.tsx';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { type Verification, verifyLicense } from './license-api.ts';
import { licenseDetails } from './license-details.tsx';

type Verdict = Verification['verdict'];

/** How each verdict looks: a colour people read at a glance, and its icon. */
const looks: Record<Verdict, { color: string; background: string; icon: ReactNode }> = {
  valid: { color: '#389e0d', background: '#f6ffed', icon: <CheckCircleFilled /> },
  expired: { color: '#d48806', background: '#fffbe6', icon: <ClockCircleFilled /> },
  revoked: { color: '#cf1322', background: '#fff1f0', icon: <StopFilled /> },
  forged: { color: '#cf1322', background: '#fff1f0', icon: <CloseCircleFilled /> },
};

/**
 * 电子证照核验: the public page (no sign-in) where anyone checks a license by its identifier or by what scanning
 * its QR code gives. The text is kept in the address (?id= or ?qr=), so a link to a verification can be shared.
 */
export function LicenseVerifyPage() {
  const { t } = useTranslation('registry');
  const [search, setSearch] = useSearchParams();
  const presented = search.get('qr') ?? search.get('id') ?? '';
  const result = useQuery({
    queryKey: ['registry', 'licenses', 'verify', presented],
    queryFn: () => verifyLicense(presented),
    enabled: presented.trim() !== '',
  });

  const submit = ({ text }: { text: string }) => {
    const value = text.trim();
    setSearch(value.startsWith('OCL1:') ? { qr: value } : { id: value });
  };

  return (
    <AuthScreen
      extra={
        <Link to="/login" style={{ color: '#fff' }}>
          {t('licenses.verify.login')}
        </Link>
      }
    >
      <Card style={{ width: 'min(640px, 100%)' }} data-testid="license-verify">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('licenses.verify.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('licenses.verify.description')}</Typography.Paragraph>
        <Form
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          initialValues={{ text: presented }}
          key={presented}
        >
          <Form.Item
            name="text"
            label={t('licenses.verify.input')}
            rules={[{ required: true, whitespace: true, message: t('licenses.verify.required') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('licenses.verify.placeholder')}
              style={{ fontFamily: 'monospace' }}
              autoFocus
              data-testid="license-verify-input"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={result.isFetching}
            data-testid="license-verify-submit"
          >
            {t('licenses.verify.submit')}
          </Button>
        </Form>
        {result.error && (
          <Alert type="error" showIcon title={errorText(result.error)} style={{ marginTop: 16 }} />
        )}
        {result.data && presented && <VerdictPanel verification={result.data} />}
      </Card>
    </AuthScreen>
  );
}

/** The verdict, big and coloured, why a forgery is one, and the license's summary (holder masked). */
function VerdictPanel({ verification }: { verification: Verification }) {
  const { t } = useTranslation('registry');
  const { verdict, reason, license } = verification;
  const look = looks[verdict];
  return (
    <Flex vertical gap={16} style={{ marginTop: 24 }} data-testid="license-verdict" data-verdict={verdict}>
      <Flex
        align="center"
        gap={16}
        style={{
          padding: '20px 24px',
          borderRadius: 8,
          background: look.background,
          border: `1px solid ${look.color}`,
        }}
      >
        <span style={{ fontSize: 48, color: look.color, lineHeight: 1 }}>{look.icon}</span>
        <div>
          <Typography.Title level={2} style={{ margin: 0, color: look.color }}>
            {t(`licenses.verify.verdicts.${verdict}`)}
          </Typography.Title>
          <Typography.Text>
            {reason ? t(`licenses.verify.reasons.${reason}`) : t(`licenses.verify.verdictHints.${verdict}`)}
          </Typography.Text>
        </div>
      </Flex>
      {license && (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'type', label: t('licenses.fields.type'), children: license.typeName },
            ...licenseDetails(
              t,
              license,
              license.revokedAt
                ? [
                    {
                      key: 'revokedAt',
                      label: t('licenses.fields.revokedAt'),
                      children: formatDateTime(license.revokedAt),
                    },
                  ]
                : [],
            ),
          ]}
        />
      )}
    </Flex>
  );
}
