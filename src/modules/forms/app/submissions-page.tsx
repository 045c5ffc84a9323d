import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, ErrorBlock, InfiniteScroll, List, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { dayTime, fetchSubmissions, formsKeys, SUBMISSIONS_PAGE } from './forms-data.ts';

/** 我的表单: what the resident (or the company they act for) has submitted, newest first, and who has read it. */
export function SubmissionsPage() {
  const t = useT('forms');
  const navigate = useNavigate();
  const pages = useInfiniteQuery({
    queryKey: formsKeys.submissions(),
    queryFn: ({ pageParam }) => fetchSubmissions(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last, all) =>
      all.length * SUBMISSIONS_PAGE < last.total ? all.length + 1 : undefined,
  });
  if (pages.isPending) return <Loading />;
  if (pages.isError)
    return (
      <ErrorBlock status="default" title={errorText(pages.error)} description="">
        <Button onClick={() => void pages.refetch()}>{t('retry')}</Button>
      </ErrorBlock>
    );
  const items = pages.data.pages.flatMap((p) => p.items);
  if (!items.length) return <ErrorBlock status="empty" title={t('submissions.empty')} description="" />;
  return (
    <div>
      <List>
        {items.map((s) => (
          <List.Item
            key={s.id}
            onClick={() => navigate(`/forms/submissions/${s.id}`)}
            description={dayTime(s.submittedAt)}
            extra={
              s.readBy > 0 ? (
                <Tag color="success">{t('submissions.read', { read: s.readBy, total: s.deliveredTo })}</Tag>
              ) : (
                <Tag color="default">{t('submissions.unread', { total: s.deliveredTo })}</Tag>
              )
            }
          >
            <span style={{ fontSize: 17, lineHeight: '28px' }}>{s.formTitle}</span>
          </List.Item>
        ))}
      </List>
      <InfiniteScroll loadMore={async () => void (await pages.fetchNextPage())} hasMore={pages.hasNextPage}>
        {pages.hasNextPage ? <Loading /> : <span style={{ color: '#999' }}>{t('submissions.noMore')}</span>}
      </InfiniteScroll>
    </div>
  );
}
