import { ErrorBlock, InfiniteScroll, List, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { noticeDate, useNotices } from './services-api.ts';

/** 通知公告: the center's published notices, pinned ones first, loaded further as the resident scrolls. */
export function NoticesListPage() {
  const t = useT('citizen');
  const navigate = useNavigate();
  const notices = useNotices();
  const items = notices.data?.pages.flatMap((p) => p.items) ?? [];
  if (notices.isPending) return <Loading />;
  if (notices.isError) return <ErrorBlock status="default" title={errorText(notices.error)} description="" />;
  if (items.length === 0) return <ErrorBlock status="empty" title={t('notices.empty')} description="" />;
  return (
    <>
      <List data-testid="notices-list">
        {items.map((n) => (
          <List.Item
            key={n.id}
            data-testid="notice-item"
            onClick={() => navigate(`/notices/${n.id}`)}
            description={
              <div>
                <div
                  style={{
                    display: '-webkit-box',
                    WebkitLineClamp: 2,
                    WebkitBoxOrient: 'vertical',
                    overflow: 'hidden',
                  }}
                >
                  {n.excerpt}
                </div>
                <div style={{ marginTop: 4, fontSize: 12 }}>{noticeDate(n.publishedAt, t.lang)}</div>
              </div>
            }
          >
            {n.pinned && (
              <Tag color="danger" fill="outline" style={{ marginRight: 6 }}>
                {t('notices.pinned')}
              </Tag>
            )}
            {n.title}
          </List.Item>
        ))}
      </List>
      <InfiniteScroll
        loadMore={() => notices.fetchNextPage().then(() => undefined)}
        hasMore={!!notices.hasNextPage}
      />
    </>
  );
}
