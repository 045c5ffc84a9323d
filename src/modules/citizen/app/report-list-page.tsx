import { Button, CapsuleTabs, ErrorBlock, Image, InfiniteScroll, List, PullToRefresh } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { photoUrl, type ReportStage, useMyReports } from './report-api.ts';
import { StageTag, shortTime } from './report-stage.tsx';

const filters: (ReportStage | 'all')[] = ['all', 'dispatched', 'handling', 'replied', 'closed'];

/** My reports: newest first, by stage, pulled to refresh, loaded further as I scroll. */
export function ReportListPage() {
  const t = useT('citizen');
  const navigate = useNavigate();
  const [filter, setFilter] = useState<ReportStage | 'all'>('all');
  const reports = useMyReports(filter === 'all' ? undefined : filter);
  const items = reports.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <CapsuleTabs activeKey={filter} onChange={(k) => setFilter(k as ReportStage | 'all')}>
        {filters.map((f) => (
          <CapsuleTabs.Tab key={f} title={f === 'all' ? t('reports.all') : t(`stage.${f}`)} />
        ))}
      </CapsuleTabs>
      <PullToRefresh
        onRefresh={() => reports.refetch().then(() => undefined)}
        pullingText={t('reports.pull')}
        canReleaseText={t('reports.release')}
        refreshingText={t('reports.refreshing')}
        completeText={t('reports.refreshed')}
      >
        {reports.isPending ? (
          <Loading />
        ) : reports.isError ? (
          <ErrorBlock status="default" title={errorText(reports.error)} description="" />
        ) : items.length === 0 ? (
          <ErrorBlock
            status="empty"
            title={t('reports.empty')}
            description={
              <Button
                color="primary"
                size="small"
                onClick={() => navigate('/report')}
                style={{ marginTop: 8 }}
              >
                {t('reports.new')}
              </Button>
            }
          />
        ) : (
          <>
            <List data-testid="report-list">
              {items.map((r) => (
                <List.Item
                  key={r.number}
                  data-testid="report-item"
                  onClick={() => navigate(`/reports/${r.number}`)}
                  prefix={
                    r.photos[0] ? (
                      <Image
                        src={photoUrl(r.photos[0])}
                        width={56}
                        height={56}
                        fit="cover"
                        lazy
                        style={{ borderRadius: 6 }}
                      />
                    ) : undefined
                  }
                  description={
                    <span>
                      {shortTime(r.receivedAt)}
                      {r.categoryName && ` · ${r.categoryName}`}
                    </span>
                  }
                  extra={
                    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 4 }}>
                      <StageTag stage={r.stage} />
                      {r.canRate && (
                        <span style={{ color: '#c8102e', fontSize: 12 }}>{t('reports.rate')}</span>
                      )}
                    </div>
                  }
                >
                  <div
                    style={{
                      display: '-webkit-box',
                      WebkitLineClamp: 2,
                      WebkitBoxOrient: 'vertical',
                      overflow: 'hidden',
                      fontSize: 15,
                    }}
                  >
                    {r.content}
                  </div>
                </List.Item>
              ))}
            </List>
            <InfiniteScroll
              loadMore={() => reports.fetchNextPage().then(() => undefined)}
              hasMore={reports.hasNextPage}
            >
              {reports.hasNextPage ? t('reports.loadMore') : t('reports.noMore')}
            </InfiniteScroll>
          </>
        )}
      </PullToRefresh>
    </div>
  );
}
