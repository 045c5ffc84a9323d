import { Button, ErrorBlock, List, Tag } from 'antd-mobile';
import { ClockCircleOutline, EnvironmentOutline, PhoneFill, TeamOutline } from 'antd-mobile-icons';
import { Link, useParams } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { useService } from './services-api.ts';

/** The first telephone number of a line like "0731-88081101，0731-88081102" (for the tel: link). */
const firstPhone = (phone: string) => phone.split(/[,，、/]/)[0]!.replace(/[^0-9+]/g, '');

/** One service: what it is, where and when to do it, whom to call, what to bring; a form to do it in the app. */
export function ServicesDetailPage() {
  const t = useT('citizen');
  const { id = '' } = useParams();
  const service = useService(id);
  if (service.isPending) return <Loading />;
  if (service.isError)
    return (
      <ErrorBlock
        status="empty"
        title={t('services.notFound')}
        description={errorText(service.error)}
        style={{ paddingTop: 48 }}
      />
    );
  const s = service.data;
  return (
    <div style={{ paddingBottom: 24 }} data-testid="service-detail">
      <div style={{ background: '#fff', padding: 16 }}>
        <div style={{ fontSize: 20, fontWeight: 600 }}>{s.name}</div>
        <div style={{ marginTop: 8, display: 'flex', gap: 6 }}>
          <Tag color="default">{s.category}</Tag>
          {s.online && <Tag color="primary">{t('services.online')}</Tag>}
        </div>
        {s.summary && <p style={{ color: '#555', lineHeight: 1.7, margin: '12px 0 0' }}>{s.summary}</p>}
      </div>
      {s.formCode && (
        <div style={{ padding: '12px 16px 0' }}>
          <Link to={`/forms/${encodeURIComponent(s.formCode)}`} data-testid="service-form-link">
            <Button block color="primary" size="large">
              {t('services.fill')}
            </Button>
          </Link>
          <div style={{ color: '#888', fontSize: 12, marginTop: 6, textAlign: 'center' }}>
            {t('services.fillHint')}
          </div>
        </div>
      )}
      <List style={{ marginTop: 12 }}>
        {s.place && (
          <List.Item prefix={<EnvironmentOutline />} description={s.place}>
            {t('services.place')}
          </List.Item>
        )}
        {s.hours && (
          <List.Item prefix={<ClockCircleOutline />} description={s.hours}>
            {t('services.hours')}
          </List.Item>
        )}
        {s.phone && (
          <List.Item
            prefix={<PhoneFill />}
            description={
              <a
                href={`tel:${firstPhone(s.phone)}`}
                aria-label={t('services.call', { phone: s.phone })}
                data-testid="service-phone"
              >
                {s.phone}
              </a>
            }
          >
            {t('services.phone')}
          </List.Item>
        )}
        {s.departmentName && (
          <List.Item prefix={<TeamOutline />} description={s.departmentName}>
            {t('services.department')}
          </List.Item>
        )}
      </List>
      <List header={t('services.materials')} style={{ marginTop: 12 }}>
        {s.materials.length === 0 ? (
          <List.Item>{t('services.noMaterials')}</List.Item>
        ) : (
          s.materials.map((m, i) => (
            <List.Item key={m} prefix={<span style={{ color: '#c8102e', fontWeight: 600 }}>{i + 1}</span>}>
              {m}
            </List.Item>
          ))
        )}
      </List>
    </div>
  );
}
