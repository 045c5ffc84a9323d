import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, ErrorBlock, List, NoticeBar, Tag, Toast } from 'antd-mobile';
import { LockOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { checkAnswers } from '../answers.ts';
import type { FillField, FormToFill, SubmissionCreated } from '../filling/contract.ts';
import { FieldInput } from './form-fields.tsx';
import { day, formsKeys, MY_INFORMATION_PATH, names, useFormToFill } from './forms-data.ts';

const sectionTitle = { padding: '16px 16px 8px', fontSize: 15, fontWeight: 600, color: '#333' } as const;
const large = { '--icon-size': '24px', '--font-size': '16px', '--gap': '10px' } as React.CSSProperties;

/** The form to fill, prefilled: loads it, then shows the form (or why it cannot be filled). */
export function FormFillPage() {
  const t = useT('forms');
  const navigate = useNavigate();
  const code = useParams().code!;
  const form = useFormToFill(code);
  if (form.isPending) return <Loading />;
  if (form.isError) {
    const e = form.error;
    const title = e instanceof ApiError && e.status === 404 ? t('fill.notFound') : errorText(e);
    // A form for the other kind of subject: "me" is where the resident switches between themselves and a company.
    const otherSubject =
      e instanceof ApiError && (e.code === 'form_for_companies' || e.code === 'form_for_persons');
    return (
      <ErrorBlock status="default" title={title} description="">
        {otherSubject ? (
          <Button color="primary" size="large" onClick={() => navigate('/me')}>
            {t('fill.switch')}
          </Button>
        ) : (
          !(e instanceof ApiError && e.status < 500) && (
            <Button onClick={() => void form.refetch()}>{t('retry')}</Button>
          )
        )}
      </ErrorBlock>
    );
  }
  return <FillForm form={form.data} key={`${form.data.code}@${form.data.version}`} />;
}

/** Where a prefilled value came from, in plain words. */
function Provenance({ field }: { field: FillField }) {
  const t = useT('forms');
  const p = field.provenance;
  if (!p) return <span>{t('fill.noValue')}</span>;
  const from =
    p.department && p.resource
      ? t('fill.from', { department: p.department, resource: p.resource })
      : t('fill.fromUnknown');
  return (
    <span>
      {from}
      {p.observedAt && `，${t('fill.updated', { date: day(p.observedAt) })}`}
    </span>
  );
}

function FillForm({ form }: { form: FormToFill }) {
  const t = useT('forms');
  const navigate = useNavigate();
  const client = useQueryClient();
  const bound = form.fields.filter((f) => f.confirmOnly);
  const free = form.fields.filter((f) => !f.confirmOnly);
  const toConfirm = bound.filter((f) => f.value !== null);
  const reusable = free.filter((f) => f.reuseKey);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(free.map((f) => [f.key, f.value ?? ''])),
  );
  const [confirmed, setConfirmed] = useState(false);
  const [consent, setConsent] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);

  const problemText = (reason: string, params?: Record<string, unknown>, fallback?: string) => {
    const key = `problem.${reason}`;
    const text = t(key, params as Record<string, string | number>);
    return text === key ? (fallback ?? reason) : text;
  };

  const set = (key: string, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setProblems(({ [key]: _gone, ...rest }) => rest);
  };

  async function submit() {
    if (toConfirm.length && !confirmed) {
      Toast.show({ content: t('fill.confirmFirst') });
      document.getElementById('confirm-prefilled')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    const answers = Object.fromEntries(free.map((f) => [f.key, (values[f.key] ?? '').trim()]));
    const local = checkAnswers(free, answers);
    if (local.length) {
      setProblems(Object.fromEntries(local.map((p) => [p.field, problemText(p.reason, p.params)])));
      Toast.show({ content: t('fill.fixFirst') });
      document
        .getElementById(`field-${local[0]!.field}`)
        ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    setSubmitting(true);
    try {
      const done = await api.post<SubmissionCreated>(
        `/api/forms/available/${encodeURIComponent(form.code)}/submissions`,
        {
          answers,
          rememberConsent: consent,
          confirmPrefilled: confirmed,
        },
      );
      await client.invalidateQueries({ queryKey: formsKeys.all });
      navigate(`/forms/submissions/${done.id}?done=1`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.fields.length)
        setProblems(
          Object.fromEntries(error.fields.map((f) => [f.field, problemText(f.reason, undefined, f.message)])),
        );
      Toast.show({ content: errorText(error) });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div style={{ paddingBottom: 24 }}>
      <div style={{ background: '#fff', padding: '16px 16px 12px' }}>
        <div style={{ fontSize: 20, fontWeight: 600, lineHeight: 1.4 }}>{form.title}</div>
        {form.description && (
          <div style={{ marginTop: 6, color: '#666', lineHeight: 1.6 }}>{form.description}</div>
        )}
        {form.receivingDepartments.length > 0 && (
          <div style={{ marginTop: 6, color: '#999', fontSize: 13 }}>
            {t('fill.receivers', { names: names(form.receivingDepartments, t.lang) })}
          </div>
        )}
      </div>
      {form.lastSubmittedAt && (
        <NoticeBar content={t('fill.lastSubmitted', { date: day(form.lastSubmittedAt) })} color="info" wrap />
      )}

      {bound.length > 0 && (
        <section aria-labelledby="prefilled-title">
          <div id="prefilled-title" style={sectionTitle}>
            {t('fill.prefilledSection')}
          </div>
          <div style={{ padding: '0 16px 8px', color: '#888', fontSize: 13 }}>{t('fill.prefilledHint')}</div>
          <List>
            {bound.map((f) => (
              <List.Item
                key={f.key}
                prefix={<LockOutline style={{ color: '#999' }} />}
                title={f.label}
                description={<Provenance field={f} />}
              >
                <span
                  style={{ fontSize: 17, color: f.value ? '#333' : '#bbb', wordBreak: 'break-all' }}
                  data-field={f.key}
                >
                  {f.value ?? '—'}
                </span>
              </List.Item>
            ))}
          </List>
          {toConfirm.length > 0 && (
            <div
              id="confirm-prefilled"
              style={{ background: '#fff', padding: '14px 16px', borderTop: '1px solid #eee' }}
            >
              <Checkbox checked={confirmed} onChange={setConfirmed} style={large}>
                {t('fill.confirm')}
              </Checkbox>
              <div style={{ marginTop: 10 }}>
                <Button
                  size="small"
                  fill="none"
                  color="primary"
                  onClick={() => navigate(MY_INFORMATION_PATH)}
                  style={{ padding: '6px 0' }}
                >
                  {t('fill.wrong')}
                </Button>
              </div>
            </div>
          )}
        </section>
      )}

      {free.length > 0 && (
        <section aria-labelledby="free-title">
          <div id="free-title" style={sectionTitle}>
            {t('fill.freeSection')}
          </div>
          <List>
            {free.map((f) => {
              const reusedNow = f.reused && values[f.key] === (f.value ?? '');
              return (
                <List.Item
                  key={f.key}
                  title={
                    <span id={`field-${f.key}`} style={{ fontSize: 15, color: '#333' }}>
                      {f.required && <span style={{ color: '#c8102e', marginRight: 2 }}>*</span>}
                      {f.label}
                      {reusedNow && (
                        <Tag color="primary" fill="outline" style={{ marginLeft: 8 }}>
                          {t('fill.reused')}
                        </Tag>
                      )}
                    </span>
                  }
                  description={
                    <>
                      {problems[f.key] && (
                        <div style={{ color: '#c8102e', fontSize: 14 }}>{problems[f.key]}</div>
                      )}
                      {reusedNow && f.reusedFrom && (
                        <div>
                          {f.reusedFrom.formTitle
                            ? t('fill.reusedFrom', {
                                form: f.reusedFrom.formTitle,
                                date: day(f.reusedFrom.consentedAt),
                              })
                            : t('fill.reusedFromUnknown', { date: day(f.reusedFrom.consentedAt) })}
                        </div>
                      )}
                      {f.help && <div>{f.help}</div>}
                    </>
                  }
                >
                  <FieldInput field={f} value={values[f.key] ?? ''} onChange={(v) => set(f.key, v)} />
                </List.Item>
              );
            })}
          </List>
        </section>
      )}

      {reusable.length > 0 && (
        <div style={{ background: '#fff', margin: '12px 0', padding: '14px 16px' }}>
          <Checkbox checked={consent} onChange={setConsent} style={large}>
            {t('fill.consent')}
          </Checkbox>
          <div style={{ marginTop: 8, paddingLeft: 34, color: '#666', fontSize: 14 }}>
            {names(
              reusable.map((f) => f.label),
              t.lang,
            )}
          </div>
          <div style={{ marginTop: 4, paddingLeft: 34, color: '#999', fontSize: 13 }}>
            {t('fill.consentHint')}
          </div>
        </div>
      )}

      {problems.confirmPrefilled && (
        <div style={{ color: '#c8102e', padding: '0 16px' }}>{problems.confirmPrefilled}</div>
      )}
      <div style={{ padding: '16px' }}>
        <Button
          block
          color="primary"
          size="large"
          loading={submitting}
          loadingText={t('fill.submitting')}
          onClick={submit}
        >
          {t('fill.submit')}
        </Button>
      </div>
    </div>
  );
}
