import { Button, ErrorBlock, List, Result, Tag } from 'antd-mobile';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import type { SubmissionDetail } from '../filling/contract.ts';
import { dayTime, names, useSubmission } from './forms-data.ts';

/** An answer as the resident reads it: yes/no in words, the rest as given. */
function AnswerValue({ answer }: { answer: SubmissionDetail['answers'][number] }) {
  const t = useT('forms');
  if (answer.type === 'boolean' && (answer.value === 'true' || answer.value === 'false'))
    return <>{t(answer.value === 'true' ? 'yes' : 'no')}</>;
  return <>{answer.value}</>;
}

/**
 * One of my submissions: what was answered (which came from department records, which were reused), which
 * departments received it and whether they have read it. Right after submitting (`?done=1`) it says so first.
 */
export function SubmissionPage() {
  const t = useT('forms');
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [search] = useSearchParams();
  const submission = useSubmission(id);
  if (submission.isPending) return <Loading />;
  if (submission.isError) {
    const e = submission.error;
    return (
      <ErrorBlock
        status="default"
        title={e instanceof ApiError && e.status === 404 ? t('submission.notFound') : errorText(e)}
        description=""
      />
    );
  }
  const s = submission.data;
  const departments = s.deliveries.map((d) => d.departmentName);
  return (
    <div style={{ paddingBottom: 24 }}>
      {search.get('done') === '1' && (
        <Result
          status="success"
          title={t('done.title')}
          description={t('done.description', { names: names(departments, t.lang) })}
        />
      )}
      <div style={{ background: '#fff', padding: '16px', marginTop: 8 }}>
        <div style={{ fontSize: 20, fontWeight: 600, lineHeight: 1.4 }}>{s.formTitle}</div>
        <div style={{ marginTop: 6, color: '#888' }}>
          {t('submission.submittedAt', { date: dayTime(s.submittedAt) })}
          {s.subjectKind === 'company' && ` · ${t('submission.asCompany', { name: s.subjectName })}`}
        </div>
      </div>
      <List header={t('submission.departments')}>
        {s.deliveries.map((d) => (
          <List.Item
            key={d.departmentId}
            extra={
              d.readAt ? (
                <Tag color="success">{t('submission.readAt', { date: dayTime(d.readAt) })}</Tag>
              ) : (
                <Tag color="default">{t('submission.unread')}</Tag>
              )
            }
          >
            {d.departmentName}
          </List.Item>
        ))}
      </List>
      <List header={t('submission.answers')}>
        {s.answers.map((a) => (
          <List.Item
            key={a.key}
            title={
              <span>
                {a.label}
                {a.prefilled && (
                  <Tag color="primary" fill="outline" style={{ marginLeft: 8 }}>
                    {t('submission.prefilled')}
                  </Tag>
                )}
                {a.reused && (
                  <Tag color="warning" fill="outline" style={{ marginLeft: 8 }}>
                    {t('submission.reused')}
                  </Tag>
                )}
              </span>
            }
          >
            <span style={{ fontSize: 17, wordBreak: 'break-all' }}>
              <AnswerValue answer={a} />
            </span>
          </List.Item>
        ))}
      </List>
      {search.get('done') === '1' && (
        <div style={{ padding: 16 }}>
          <Button block size="large" onClick={() => navigate('/forms', { replace: true })}>
            {t('done.back')}
          </Button>
        </div>
      )}
    </div>
  );
}
