import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import type { Role } from '../../../core/context.ts';
import { ingestPolicy } from '../policy.ts';

/** The parts of 数据归集, each a page of its own under /ingest, in the order the tabs show them. */
const sections: { key: string; path: string; roles: readonly Role[] }[] = [
  { key: 'upload', path: '/ingest/upload', roles: ingestPolicy.deliver },
  { key: 'batches', path: '/ingest/batches', roles: ingestPolicy.read },
  { key: 'pulls', path: '/ingest/pulls', roles: ingestPolicy.managePulls },
];

/** The sections the signed-in user may open. */
function useSections() {
  const me = useSignedInUser();
  return sections.filter((s) => allowed(me.roles, s.roles));
}

/** The title of 数据归集 with tabs leading to its sections (those the user may open); `extra` goes on the right. */
export function IngestHeader({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation('ingest');
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const shown = useSections();
  const active = shown.find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} extra={extra} />
      <Tabs
        activeKey={active?.key}
        onChange={(key) => {
          const target = shown.find((s) => s.key === key)!;
          // The resource chosen on one section follows to the next.
          const resource = new URLSearchParams(search).get('resource');
          navigate(resource ? `${target.path}?${new URLSearchParams({ resource })}` : target.path);
        }}
        items={shown.map((s) => ({
          key: s.key,
          label: <span data-testid={`ingest-nav-${s.key}`}>{t(`nav.${s.key}`)}</span>,
        }))}
        style={{ marginTop: -8 }}
      />
    </>
  );
}

/** /ingest: the first section the user may open (uploading for those who deliver, batches for leaders). */
export function IngestHome() {
  const first = useSections()[0];
  return <Navigate to={first?.path ?? '/'} replace />;
}
