import { Breadcrumb, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { StatusPage } from '../../../../web/kit/status-pages.tsx';
import { resourcePath, useResource } from './catalog-api.ts';
import { useListLink } from './list-link.ts';
import { ResourceForm } from './resource-form.tsx';

/** 登记资源: the form for a new resource. */
export function ResourceCreatePage() {
  const { t } = useTranslation('catalog');
  const listLink = useListLink();
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to={listLink}>{t('list.title')}</Link> }, { title: t('form.createTitle') }]}
      />
      <PageHeader title={t('form.createTitle')} description={t('form.createDescription')} />
      <ResourceForm />
    </>
  );
}

/** 编辑资源: the form on the current version of a resource; saving makes the next version. */
export function ResourceEditPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('catalog');
  const listLink = useListLink();
  const resource = useResource(code);
  if (resource.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (resource.isError) return <LoadError error={resource.error} onRetry={() => resource.refetch()} />;
  const r = resource.data;
  // The server refuses anyway; a department user sees why before typing anything.
  if (!r.canEdit) return <StatusPage status="403" />;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={listLink}>{t('list.title')}</Link> },
          { title: <Link to={resourcePath(r.code)}>{r.name}</Link> },
          { title: t('resource.edit') },
        ]}
      />
      <PageHeader
        title={t('form.editTitle', { name: r.name })}
        description={t('form.editDescription', { code: r.code, version: r.version })}
      />
      {/* A reload after a version conflict brings a new version, and with it a fresh form. */}
      <ResourceForm key={r.version} resource={r} onReload={() => resource.refetch()} />
    </>
  );
}
