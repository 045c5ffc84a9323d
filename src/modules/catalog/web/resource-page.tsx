import { EditOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Divider, Result, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { contributionsTo } from '../../../../web/kit/extensions.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { allowed } from '../../../../web/kit/web-module.ts';
import { catalogPolicy, resourcePath, useResource } from './catalog-api.ts';
import { ClassificationTag, OpenTag, ShareTag } from './catalog-tags.tsx';
import { useListLink } from './list-link.ts';
import { catalogTabs, resourcePoints, tabsFor } from './resource-tabs.ts';

/** One resource: its header with the main facts and an edit button, then its tabs (kept in the URL). */
export function ResourcePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('catalog');
  const navigate = useNavigate();
  const location = useLocation();
  const me = useSignedInUser();
  const [search, setSearch] = useSearchParams();
  const resource = useResource(code);
  const listLink = useListLink();

  if (resource.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (resource.isError) {
    return resource.error instanceof ApiError && resource.error.status === 404 ? (
      <Result
        status="404"
        title={t('resource.notFound')}
        subTitle={t('resource.notFoundHint', { code })}
        extra={
          <Button type="primary" onClick={() => navigate(listLink)}>
            {t('resource.backToList')}
          </Button>
        }
      />
    ) : (
      <LoadError error={resource.error} onRetry={() => resource.refetch()} />
    );
  }

  const r = resource.data;
  const tabs = tabsFor([...catalogTabs, ...contributionsTo(resourcePoints.tab)], r, me.roles);
  const active = tabs.find((tab) => tab.key === search.get('tab'))?.key ?? tabs[0]!.key;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to={listLink}>{t('list.title')}</Link> }, { title: r.name }]}
      />
      <PageHeader
        title={r.name}
        tags={
          <span data-testid="resource-tags">
            <ClassificationTag classification={r.classification} />
            <ShareTag type={r.shareType} />
            <OpenTag type={r.openType} />
          </span>
        }
        description={
          <Space separator={<Divider orientation="vertical" />} wrap size={0} data-testid="resource-facts">
            <Typography.Text type="secondary" copyable={{ text: r.code }}>
              {r.code}
            </Typography.Text>
            <span>{t('resource.provider', { name: r.providerDepartmentName })}</span>
            <span data-testid="resource-version">{t('resource.version', { version: r.version })}</span>
            <span>{t('resource.updated', { at: formatDateTime(r.updatedAt) })}</span>
          </Space>
        }
        extra={
          <>
            {contributionsTo(resourcePoints.action)
              .filter((action) => allowed(me.roles, action.roles))
              .map((action) => (
                <Suspense key={action.key}>
                  <action.component resource={r} />
                </Suspense>
              ))}
            {allowed(me.roles, catalogPolicy.write) && (
              <Tooltip title={r.canEdit ? undefined : t('resource.notYours')}>
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  disabled={!r.canEdit}
                  onClick={() => navigate(resourcePath(r.code, 'edit'), { state: location.state })}
                  data-testid="resource-edit"
                >
                  {t('resource.edit')}
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(tab) =>
            setSearch(
              (previous) => {
                const next = new URLSearchParams(previous);
                if (tab === tabs[0]!.key) next.delete('tab');
                else next.set('tab', tab);
                return next;
              },
              { replace: true, state: location.state },
            )
          }
          items={tabs.map((tab) => ({
            key: tab.key,
            label: (
              <span data-testid={`resource-tab-${tab.key}`}>
                {t(tab.label, { ns: tab.ns ?? 'catalog' })}
                {tab.count && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                    {tab.count(r)}
                  </Typography.Text>
                )}
              </span>
            ),
            children: (
              // Tabs of other modules load on demand.
              <Suspense fallback={<Skeleton active />}>
                <tab.component resource={r} />
              </Suspense>
            ),
          }))}
        />
      </Card>
    </>
  );
}
