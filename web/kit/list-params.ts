import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface.js';
import i18n from 'i18next';
import { useSearchParams } from 'react-router';

/**
 * A list page's filters, page and sort, kept in the URL so reloading, sharing a link and the back button
 * show the same list. Changing anything but the page goes back to page 1.
 */
export function useListParams<K extends string>(defaults: Record<K, string>) {
  const [search, setSearch] = useSearchParams();
  const params = Object.fromEntries(
    Object.entries<string>(defaults).map(([key, fallback]) => [key, search.get(key) ?? fallback]),
  ) as Record<K, string>;

  const update = (changes: Partial<Record<K, string | undefined>>) => {
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries<string | undefined>(changes)) {
          if (value === undefined || value === '' || value === defaults[key as K]) next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  return [params, update] as const;
}

/** Page sizes and the total line every paged table shows. */
export const pageSizing = {
  showSizeChanger: true,
  pageSizeOptions: [10, 20, 50, 100],
  showTotal: (total: number) => i18n.t('common:common.total', { total }),
};

/** The pagination of a table whose page and page size live in the URL (see useListParams). */
export function urlPagination(
  params: { page: string; pageSize: string },
  setParams: (changes: { page: string; pageSize: string }) => void,
  total: number,
): TablePaginationConfig {
  return {
    current: Number(params.page),
    pageSize: Number(params.pageSize),
    total,
    ...pageSizing,
    onChange: (page, pageSize) => setParams({ page: String(page), pageSize: String(pageSize) }),
  };
}

/**
 * The pagination and sorting props of a table whose page, page size and sort live in the URL
 * (see useListParams). A new sort goes back to page 1; no sort means `defaultSort`.
 */
export function urlTableProps<T>(
  params: { page: string; pageSize: string; sort: string },
  setParams: (changes: { page: string; pageSize: string; sort: string }) => void,
  total: number,
  defaultSort: string,
) {
  return {
    pagination: { current: Number(params.page), pageSize: Number(params.pageSize), total, ...pageSizing },
    onChange: (
      pagination: TablePaginationConfig,
      _filters: unknown,
      sorter: SorterResult<T> | SorterResult<T>[],
    ) => {
      const { columnKey, order } = sorter as SorterResult<T>;
      const sort = order ? String(columnKey) : defaultSort;
      setParams({
        page: sort === params.sort ? String(pagination.current) : '1',
        pageSize: String(pagination.pageSize),
        sort,
      });
    },
  };
}
