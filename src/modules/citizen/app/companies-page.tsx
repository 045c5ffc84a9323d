import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Dialog,
  Empty,
  ErrorBlock,
  Form,
  Input,
  List,
  NoticeBar,
  Switch,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { actingFor, api, errorText, setActingFor } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import type { LinkedCompany } from '../companies/contract.ts';

/**
 * My companies: link one by its credit code (when the legal-person registry names me its legal representative),
 * act for it (every call then carries `x-acting-for`), and back to acting for myself.
 */
export function CompaniesPage() {
  const t = useT('citizen');
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ creditCode: string }>();
  const [acting, setActing] = useState(actingFor());
  const companies = useQuery({
    queryKey: ['citizen', 'companies'],
    queryFn: () => api.get<LinkedCompany[]>('/api/citizen/companies'),
  });

  /** Acts for `company` (null: for oneself); what any page showed was about the other subject, so it goes. */
  function switchTo(company: LinkedCompany | null) {
    setActingFor(company?.creditCode ?? null, company?.name);
    setActing(company?.creditCode ?? null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[1] !== 'companies' });
    void client.invalidateQueries();
    Toast.show({
      icon: 'success',
      content: company ? t('companies.switched', { name: company.name }) : t('companies.switchedBack'),
    });
    if (company) navigate('/');
  }

  const link = useMutation({
    mutationFn: (creditCode: string) =>
      api.post<LinkedCompany>('/api/citizen/companies', { creditCode: creditCode.trim().toUpperCase() }),
    onSuccess: (company) => {
      Toast.show({ icon: 'success', content: t('companies.linked', { name: company.name }) });
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['citizen', 'companies'] });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: errorText(err), duration: 4000 }),
  });

  const unlink = useMutation({
    mutationFn: (company: LinkedCompany) =>
      api.delete(`/api/citizen/companies/${encodeURIComponent(company.creditCode)}`),
    onSuccess: (_, company) => {
      if (acting === company.creditCode) switchTo(null);
      void client.invalidateQueries({ queryKey: ['citizen', 'companies'] });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
  });

  const current = companies.data?.find((c) => c.creditCode === acting);
  return (
    <div style={{ paddingBottom: 24 }}>
      <NoticeBar
        color={acting ? 'alert' : 'info'}
        wrap
        content={
          acting ? t('companies.actingAs', { name: current?.name ?? acting }) : t('companies.actingSelf')
        }
      />
      {acting && (
        <div style={{ padding: '12px 16px 0' }}>
          <Button block size="large" color="primary" fill="outline" onClick={() => switchTo(null)}>
            {t('companies.backToSelf')}
          </Button>
        </div>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => link.mutate(values.creditCode)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={link.isPending}>
            {t('companies.link')}
          </Button>
        }
      >
        <Form.Header>{t('companies.intro')}</Form.Header>
        <Form.Item
          name="creditCode"
          label={t('companies.creditCode')}
          rules={[{ required: true, len: 18, message: t('companies.creditCodePlaceholder') }]}
        >
          <Input
            placeholder={t('companies.creditCodePlaceholder')}
            clearable
            maxLength={18}
            autoCapitalize="characters"
            autoCorrect="off"
          />
        </Form.Item>
      </Form>
      {companies.isPending ? (
        <Loading />
      ) : companies.isError ? (
        <ErrorBlock status="default" title={errorText(companies.error)} description={null} />
      ) : companies.data.length === 0 ? (
        <Empty description={t('companies.none')} />
      ) : (
        companies.data.map((c) => (
          <Card key={c.creditCode} title={c.name} style={{ margin: '12px 12px 0' }}>
            <div style={{ color: '#666', fontSize: 14, lineHeight: 1.8 }}>
              <div>
                {t('companies.creditCode')}：{c.creditCode}
              </div>
              {c.status && <div>{t('companies.status', { status: c.status })}</div>}
              {!c.represented && <div style={{ color: '#c8102e' }}>{t('companies.notRepresented')}</div>}
            </div>
            <List
              style={{ '--border-top': '1px solid #eee', '--border-bottom': 'none', '--padding-left': '0' }}
            >
              <List.Item
                extra={
                  <Switch
                    checked={acting === c.creditCode}
                    disabled={!c.represented}
                    onChange={(on) => switchTo(on ? c : null)}
                  />
                }
              >
                {t('companies.actFor')}
              </List.Item>
            </List>
            <Button
              block
              size="middle"
              color="danger"
              fill="none"
              loading={unlink.isPending && unlink.variables?.creditCode === c.creditCode}
              onClick={async () => {
                if (await Dialog.confirm({ content: t('companies.unlinkConfirm', { name: c.name }) }))
                  unlink.mutate(c);
              }}
            >
              {t('companies.unlink')}
            </Button>
          </Card>
        ))
      )}
    </div>
  );
}
