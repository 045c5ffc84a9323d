import { ErrorBlock } from 'antd-mobile';
import { useParams } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { noticeDate, useNotice } from './services-api.ts';

/** One notice in full: its title, who published it and when, its text as the center wrote it. */
export function NoticesDetailPage() {
  const t = useT('citizen');
  const { id = '' } = useParams();
  const notice = useNotice(id);
  if (notice.isPending) return <Loading />;
  if (notice.isError)
    return (
      <ErrorBlock
        status="empty"
        title={t('notices.notFound')}
        description={errorText(notice.error)}
        style={{ paddingTop: 48 }}
      />
    );
  const n = notice.data;
  return (
    <article style={{ background: '#fff', padding: 16, minHeight: '60vh' }} data-testid="notice-detail">
      <h1 style={{ fontSize: 20, lineHeight: 1.4, margin: 0 }}>{n.title}</h1>
      <div style={{ color: '#888', fontSize: 13, margin: '8px 0 16px' }}>
        {t('notices.from')} · {noticeDate(n.publishedAt, t.lang)}
      </div>
      <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, fontSize: 16, color: '#333' }}>{n.body}</div>
    </article>
  );
}
