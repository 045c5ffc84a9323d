import { useLocation } from 'react-router';

/** What the list passes to the pages it links to, so they can link back to it as it was. */
export type ListState = { list?: string } | null;

/** Where "资源目录" in a breadcrumb leads: the list with the filters and page the user left it at. */
export function useListLink() {
  const state = useLocation().state as ListState;
  return `/catalog${state?.list ?? ''}`;
}
