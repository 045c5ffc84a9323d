import { CapsuleTabs, ErrorBlock, InfiniteScroll, List, SearchBar, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { Loading } from '../../../../web/m/app.tsx';
import { useT } from '../../../../web/m/i18n.ts';
import { useServices } from './services-api.ts';

const ALL = '__all__';

/**
 * 办事 (the services tab): search the district's services, narrow them by category (chips with counts), open one.
 * The search and the category are kept in the address, so going back returns to the same list.
 */
export function ServicesListPage() {
  const t = useT('citizen');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category');
  const [typed, setTyped] = useState(q);
  const services = useServices(q, category);
  // The chips come from the search before the category filter, so every category stays offered.
  const categories = services.data?.pages[0]?.categories ?? [];
  const total = categories.reduce((n, c) => n + c.count, 0);
  const items = services.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (next: { q?: string; category?: string | null }) => {
    const merged = { q, category, ...next };
    const search = new URLSearchParams();
    if (merged.q) search.set('q', merged.q);
    if (merged.category) search.set('category', merged.category);
    setParams(search, { replace: true });
  };

  return (
    <div>
      <div style={{ padding: '8px 12px', background: '#fff' }}>
        <SearchBar
          value={typed}
          onChange={setTyped}
          onSearch={(value) => set({ q: value.trim() })}
          onClear={() => set({ q: '' })}
          placeholder={t('services.search')}
          style={{ '--height': '40px' } as React.CSSProperties}
          data-testid="services-search"
        />
      </div>
      <CapsuleTabs
        activeKey={category ?? ALL}
        onChange={(key) => set({ category: key === ALL ? null : key })}
      >
        <CapsuleTabs.Tab key={ALL} title={`${t('services.all')} ${total}`} />
        {categories.map((c) => (
          <CapsuleTabs.Tab key={c.category} title={`${c.category} ${c.count}`} />
        ))}
      </CapsuleTabs>
      {services.isPending ? (
        <Loading />
      ) : services.isError ? (
        <ErrorBlock status="default" title={errorText(services.error)} description="" />
      ) : items.length === 0 ? (
        <ErrorBlock status="empty" title={t('services.empty')} description="" />
      ) : (
        <>
          <List data-testid="services-list">
            {items.map((s) => (
              <List.Item
                key={s.id}
                data-testid="service-item"
                onClick={() => navigate(`/services/${s.id}`)}
                description={
                  s.summary && (
                    <span
                      style={{
                        display: '-webkit-box',
                        WebkitLineClamp: 2,
                        WebkitBoxOrient: 'vertical',
                        overflow: 'hidden',
                      }}
                    >
                      {s.summary}
                    </span>
                  )
                }
                extra={
                  s.online ? (
                    <Tag color="primary" fill="outline">
                      {t('services.online')}
                    </Tag>
                  ) : undefined
                }
              >
                {s.name}
              </List.Item>
            ))}
          </List>
          <InfiniteScroll
            loadMore={() => services.fetchNextPage().then(() => undefined)}
            hasMore={!!services.hasNextPage}
          />
        </>
      )}
    </div>
  );
}
