import { Card, Col, Descriptions, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { PasswordForm } from '../../../../web/kit/password-form.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { useMyDepartment } from '../../org/web/index.ts';
import { TokensCard } from './tokens-card.tsx';

/** Everyone's own page: who they are, their password and their API tokens. */
export function ProfilePage() {
  const { t } = useTranslation('accounts');
  const me = useSignedInUser();
  const department = useMyDepartment();
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('profile.account')} style={{ height: '100%' }}>
            <Descriptions column={1} bordered size="middle">
              <Descriptions.Item label={t('fields.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('fields.displayName')}>{me.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('fields.department')}>
                {me.departmentId === null ? t('users.noDepartment') : (department.data?.name ?? '…')}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.roles')}>
                {me.roles.map((r) => (
                  <Tag key={r}>{t(`common:roles.${r}`)}</Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('profile.password')} style={{ height: '100%' }}>
            <PasswordForm />
          </Card>
        </Col>
        <Col span={24}>
          <TokensCard />
        </Col>
      </Row>
    </>
  );
}
