import { Button, ErrorBlock, List, NoticeBar, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { names, useAvailableForms } from './forms-data.ts';

/** 最多报一次: the forms the resident (or the company they act for) can fill, each marked when already submitted. */
export function FormsListPage() {
  const t = useT('forms');
  const navigate = useNavigate();
  const forms = useAvailableForms();
  if (forms.isPending) return <Loading />;
  if (forms.isError)
    return (
      <ErrorBlock status="default" title={errorText(forms.error)} description="">
        <Button onClick={() => void forms.refetch()}>{t('retry')}</Button>
      </ErrorBlock>
    );
  const { subject, items } = forms.data;
  return (
    <div>
      {subject.kind === 'company' && (
        <NoticeBar content={t('list.asCompany', { name: subject.name })} color="info" />
      )}
      <div style={{ padding: '12px 16px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>
        {t('list.intro')}
      </div>
      {items.length === 0 ? (
        <ErrorBlock status="empty" title={t('list.empty')} description="" />
      ) : (
        <List>
          {items.map((f) => (
            <List.Item
              key={f.code}
              onClick={() => navigate(`/forms/${encodeURIComponent(f.code)}`)}
              style={{ '--padding-left': '16px' } as React.CSSProperties}
              extra={f.submitted ? <Tag color="success">{t('list.submitted')}</Tag> : null}
              description={
                <span>
                  {t('list.prefilled', { count: f.prefilledCount })}
                  {f.receivingDepartments.length > 0 &&
                    ` · ${t('list.receivers', { names: names(f.receivingDepartments, t.lang) })}`}
                </span>
              }
            >
              <span style={{ fontSize: 17, lineHeight: '28px' }}>{f.title}</span>
            </List.Item>
          ))}
        </List>
      )}
      <List style={{ marginTop: 12 }}>
        <List.Item onClick={() => navigate('/forms/submissions')}>{t('list.mine')}</List.Item>
      </List>
    </div>
  );
}
