import {
  Button,
  Card,
  ErrorBlock,
  Image,
  ImageViewer,
  List,
  Selector,
  Steps,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { photoUrl, type ReportDetail, type ReportStep, useMyReport, useRateReport } from './report-api.ts';
import { StageTag, shortTime } from './report-stage.tsx';

const satisfactions = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

/** One of my reports: its stage in plain words, the timeline, the department's reply, photos, and my rating. */
export function ReportDetailPage() {
  const t = useT('citizen');
  const { number = '' } = useParams();
  const report = useMyReport(number);
  if (report.isPending) return <Loading />;
  if (report.isError)
    return (
      <ErrorBlock
        status={report.error instanceof ApiError && report.error.status === 404 ? 'empty' : 'default'}
        title={
          report.error instanceof ApiError && report.error.status === 404
            ? t('reportDetail.notFound')
            : errorText(report.error)
        }
        description=""
      />
    );
  const r = report.data;
  const department = r.departmentName ?? t('step.theDepartment');
  const place = [r.subdistrictName, r.communityName, r.address].filter(Boolean).join(' · ');
  return (
    <div style={{ padding: '12px 12px 24px', display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card data-testid="report-summary">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <StageTag stage={r.stage} />
          <span style={{ color: '#999', fontSize: 12 }}>
            {t('reportDetail.number', { number: r.number })}
          </span>
        </div>
        <div style={{ marginTop: 8, fontSize: 15 }}>{t(`stageText.${r.stage}`, { department })}</div>
      </Card>

      {r.reply && (
        <Card title={t('reportDetail.replyFrom', { department })} data-testid="report-reply">
          <div style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>{r.reply}</div>
          {r.repliedAt && (
            <div style={{ color: '#999', fontSize: 12, marginTop: 6 }}>{shortTime(r.repliedAt)}</div>
          )}
        </Card>
      )}

      {r.canRate ? (
        <RatingForm report={r} />
      ) : (
        r.satisfaction && (
          <Card data-testid="report-rated">
            {t('reportDetail.rated', { value: t(`satisfaction.${r.satisfaction}`) })}
          </Card>
        )
      )}

      <Card title={t('reportDetail.progress')}>
        <Steps direction="vertical" current={r.steps.length - 1} data-testid="report-steps">
          {r.steps.map((s, i) => (
            <Steps.Step
              key={`${s.kind}-${s.at}`}
              status={i === r.steps.length - 1 && r.stage !== 'closed' ? 'process' : 'finish'}
              title={stepTitle(t, s)}
              description={
                <div>
                  <div>{shortTime(s.at)}</div>
                  {s.text && (
                    <div style={{ whiteSpace: 'pre-wrap', color: '#333', marginTop: 4 }}>{s.text}</div>
                  )}
                </div>
              }
            />
          ))}
        </Steps>
      </Card>

      <List mode="card" style={{ margin: 0 }}>
        <List.Item title={t('reportDetail.content')}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{r.content}</div>
        </List.Item>
        {r.categoryName && <List.Item title={t('reportDetail.category')}>{r.categoryName}</List.Item>}
        {place && <List.Item title={t('reportDetail.place')}>{place}</List.Item>}
        {r.photos.length > 0 && (
          <List.Item title={t('reportDetail.photos')}>
            <Photos names={r.photos} />
          </List.Item>
        )}
      </List>
    </div>
  );
}

/** A step's title: what happened, naming the department (never a person). */
function stepTitle(t: ReturnType<typeof useT>, s: ReportStep): string {
  const department = s.departmentName ?? t('step.theDepartment');
  const value = s.satisfaction ? t(`satisfaction.${s.satisfaction}`) : '';
  return t(`step.${s.kind}`, { department, value });
}

function Photos({ names }: { names: string[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const urls = names.map(photoUrl);
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="report-detail-photos">
        {urls.map((url, i) => (
          <Image
            key={url}
            src={url}
            width={80}
            height={80}
            fit="cover"
            style={{ borderRadius: 6 }}
            onClick={() => setOpen(i)}
          />
        ))}
      </div>
      <ImageViewer.Multi
        images={urls}
        visible={open !== null}
        defaultIndex={open ?? 0}
        onClose={() => setOpen(null)}
      />
    </>
  );
}

/** 回访 in the app: how satisfied I am with the reply, once per reply. */
function RatingForm({ report }: { report: ReportDetail }) {
  const t = useT('citizen');
  const rate = useRateReport(report.number);
  const [satisfaction, setSatisfaction] = useState<(typeof satisfactions)[number] | null>(null);
  const [comment, setComment] = useState('');
  return (
    <Card title={t('reportDetail.rateTitle')} data-testid="report-rating">
      <div style={{ color: '#999', fontSize: 12, marginBottom: 8 }}>{t('reportDetail.rateHint')}</div>
      <Selector
        columns={3}
        options={satisfactions.map((s) => ({ label: t(`satisfaction.${s}`), value: s }))}
        value={satisfaction ? [satisfaction] : []}
        onChange={(v) => setSatisfaction(v[0] ?? null)}
      />
      {satisfaction === 'unsatisfied' && (
        <div style={{ color: '#c8102e', fontSize: 12, marginTop: 8 }}>
          {t('reportDetail.unsatisfiedHint')}
        </div>
      )}
      <TextArea
        value={comment}
        onChange={setComment}
        placeholder={t('reportDetail.comment')}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 5 }}
        style={{ marginTop: 8, background: '#f7f7f7', padding: 8, borderRadius: 6 }}
      />
      <Button
        block
        color="primary"
        style={{ marginTop: 12 }}
        disabled={!satisfaction}
        loading={rate.isPending}
        onClick={async () => {
          if (!satisfaction) return;
          try {
            await rate.mutateAsync({ satisfaction, comment: comment.trim() || undefined });
            Toast.show({ icon: 'success', content: t('reportDetail.thanks') });
          } catch (error) {
            Toast.show({ icon: 'fail', content: errorText(error) });
          }
        }}
        data-testid="report-rate-submit"
      >
        {t('reportDetail.rateSubmit')}
      </Button>
    </Card>
  );
}
