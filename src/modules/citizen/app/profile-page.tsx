import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, ErrorBlock, Form, List, Popup, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { actingFor, api, errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import type { MyObjection, Profile, ProfileItem } from '../profile/contract.ts';

type T = ReturnType<typeof useT>;

const statusColors: Record<MyObjection['status'], string> = {
  open: 'warning',
  accepted: 'success',
  rejected: 'danger',
  closed: 'default',
};

/** A date as people there read it (the district's time zone). */
function dateOf(iso: string, t: T) {
  return new Date(iso).toLocaleDateString(t.lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' });
}

/** Where a value came from, in one sentence. */
function sourceText(p: ProfileItem['provenance'], t: T) {
  if (!p) return t('profile.noSource');
  if (!p.observedAt)
    return t('profile.sourceUndated', { department: p.department ?? '', resource: p.resource });
  const date = dateOf(p.observedAt, t);
  return p.department
    ? t('profile.source', { department: p.department, resource: p.resource, date })
    : t('profile.sourceNoDepartment', { resource: p.resource, date });
}

/** "This is wrong": the proposed value and why, sent to the department the value came from. */
function ObjectionForm({ item, onDone }: { item: ProfileItem; onDone: () => void }) {
  const t = useT('citizen');
  const client = useQueryClient();
  const raise = useMutation({
    mutationFn: (values: { proposedValue?: string; reason: string }) =>
      api.post<MyObjection>('/api/citizen/profile/objections', {
        item: item.code,
        proposedValue: values.proposedValue?.trim() || null,
        reason: values.reason,
      }),
    onSuccess: (raised) => {
      Toast.show({
        icon: 'success',
        content: raised.department
          ? t('profile.submitted', { department: raised.department })
          : t('profile.submittedNoDepartment'),
      });
      void client.invalidateQueries({ queryKey: ['citizen', 'objections'] });
      onDone();
    },
    onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
  });
  return (
    <Form
      layout="vertical"
      onFinish={(values) => raise.mutate(values)}
      footer={
        <>
          <Button block type="submit" color="primary" size="large" loading={raise.isPending}>
            {t('profile.submit')}
          </Button>
          <Button block size="large" fill="none" onClick={onDone} style={{ marginTop: 8 }}>
            {t('profile.cancel')}
          </Button>
        </>
      }
    >
      <Form.Header>{t('profile.objectionTitle', { label: item.label })}</Form.Header>
      <Form.Item label={t('profile.currentValue')}>
        <div style={{ fontSize: 16, wordBreak: 'break-all' }}>{item.value}</div>
      </Form.Item>
      <Form.Item name="proposedValue" label={t('profile.proposedValue')}>
        <TextArea
          placeholder={t('profile.proposedPlaceholder')}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('profile.reason')}
        rules={[{ required: true, whitespace: true, message: t('profile.reasonRequired') }]}
      >
        <TextArea
          placeholder={t('profile.reasonPlaceholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
        />
      </Form.Item>
    </Form>
  );
}

/** The resident's objections to the entry, with their status and the department's answer. */
function MyObjections() {
  const t = useT('citizen');
  const acting = actingFor();
  const objections = useQuery({
    queryKey: ['citizen', 'objections', acting],
    queryFn: () => api.get<MyObjection[]>('/api/citizen/profile/objections'),
  });
  if (objections.isPending) return <Loading />;
  if (objections.isError)
    return <ErrorBlock status="default" title={errorText(objections.error)} description={null} />;
  return (
    <List header={t('profile.objections')}>
      {objections.data.length === 0 && (
        <List.Item>
          <span style={{ color: '#999' }}>{t('profile.noObjections')}</span>
        </List.Item>
      )}
      {objections.data.map((o) => {
        const department = o.department ?? '';
        return (
          <List.Item
            key={o.id}
            title={t('profile.raisedAt', { date: dateOf(o.createdAt, t) })}
            extra={<Tag color={statusColors[o.status]}>{t(`status.${o.status}`)}</Tag>}
            description={
              <>
                {o.proposedValue && <div>{t('profile.proposed', { value: o.proposedValue })}</div>}
                <div>{o.reason}</div>
                <div style={{ marginTop: 4, color: o.answer ? '#333' : '#999' }}>
                  {o.answer
                    ? t('profile.answer', { department, answer: o.answer })
                    : t('profile.waiting', { department })}
                </div>
              </>
            }
          >
            {o.label ?? o.item}
          </List.Item>
        );
      })}
    </List>
  );
}

/** "My information": what the registries hold about me (or the company I act for), where each value came from. */
export function ProfilePage() {
  const t = useT('citizen');
  const acting = actingFor();
  const [objecting, setObjecting] = useState<ProfileItem | null>(null);
  const profile = useQuery({
    queryKey: ['citizen', 'profile', acting],
    queryFn: () => api.get<Profile>('/api/citizen/profile'),
  });
  if (profile.isPending) return <Loading />;
  if (profile.isError)
    return <ErrorBlock status="default" title={errorText(profile.error)} description={null} />;
  const p = profile.data;
  return (
    <div style={{ paddingBottom: 24 }}>
      <div style={{ background: '#fff', padding: '16px 16px 8px' }}>
        <div style={{ fontSize: 20, fontWeight: 600 }}>{p.name}</div>
        <div style={{ color: '#666', fontSize: 13, marginTop: 4 }}>
          {p.kind === 'company' ? t('profile.companyNote') : t('profile.personNote')}
        </div>
      </div>
      {!p.found ? (
        <Empty description={t('profile.notFound')} style={{ padding: 48 }} />
      ) : (
        <List header={p.kind === 'company' ? t('profile.companyTitle') : t('profile.title')}>
          {p.items.map((item) => (
            <List.Item
              key={item.code}
              data-testid="profile-item"
              data-item={item.code}
              title={item.label}
              description={<span data-testid="profile-source">{sourceText(item.provenance, t)}</span>}
              extra={
                <Button
                  size="small"
                  fill="outline"
                  color="primary"
                  style={{ minHeight: 36 }}
                  onClick={() => setObjecting(item)}
                >
                  {t('profile.wrong')}
                </Button>
              }
            >
              <span style={{ fontSize: 16, wordBreak: 'break-all' }} data-testid="profile-value">
                {item.value}
              </span>
            </List.Item>
          ))}
        </List>
      )}
      <MyObjections />
      <Popup
        visible={objecting !== null}
        onMaskClick={() => setObjecting(null)}
        destroyOnClose
        bodyStyle={{
          borderTopLeftRadius: 12,
          borderTopRightRadius: 12,
          maxHeight: '90vh',
          overflowY: 'auto',
        }}
      >
        {objecting && <ObjectionForm item={objecting} onDone={() => setObjecting(null)} />}
      </Popup>
    </div>
  );
}
