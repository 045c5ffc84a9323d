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
