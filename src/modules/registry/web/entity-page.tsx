import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Flex, Result, Row, Skeleton, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { formatDate } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { RawViewSwitch } from '../../../../web/kit/raw-view-switch.tsx';
import { StatusPage } from '../../../../web/kit/status-pages.tsx';
import { nameItems } from '../feeds.ts';
import { EntityConflicts } from './entity-conflicts.tsx';
import { EntityHistory } from './entity-history.tsx';
import { EntityLinks } from './entity-links.tsx';
import { EntitySources } from './entity-sources.tsx';
import { EntityValues } from './entity-values.tsx';
import { useLabels } from './labels.ts';
import { RaiseObjectionButton } from './raise-objection-button.tsx';
import { useRawTexts } from './raw-texts.ts';
import { type RegistryName, registryPath, useEntity, useMaySeeRaw } from './registry-api.ts';
import { useRegistryParam } from './registry-header.tsx';

/** /registry/:registry/:ref: one entity, as it is now or as it was on a day. */
export function EntityPage() {
  const registry = useRegistryParam();
  const { ref = '' } = useParams();
  return registry ? (
    <Entity key={`${registry}/${ref}`} registry={registry} entityRef={ref} />
  ) : (
    <StatusPage status="404" />
  );
}

/**
 * The merged values with their provenance and derived values, what each source says, the open conflicts, the
 * timeline of versions and the linked entities. The day shown (`asOf`) lives in the URL; unmasking (with its
 * reason) in the page's state only, so a link or a reload shows the entity masked.
 */
function Entity({ registry, entityRef }: { registry: RegistryName; entityRef: string }) {
  const { t } = useTranslation('registry');
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const asOf = search.get('asOf') ?? undefined;
  const labels = useLabels(registry);
  const maySeeRaw = useMaySeeRaw(registry);
  const rawTexts = useRawTexts();
  const [rawReason, setRawReason] = useState<string | null>(null);
  const raw = maySeeRaw && rawReason !== null;
  // A day means its end: the version valid when the day closed, changes made that day included.
  const entity = useEntity(registry, entityRef, {
    asOf: asOf ? dayjs(asOf).endOf('day').toISOString() : undefined,
    rawReason: raw ? rawReason : null,
  });
  const setParam = (key: string, value: string | undefined) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const data = entity.data;
  const name = data ? (data.values[nameItems[registry]] ?? data.key) : '';
  const breadcrumb = (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[
        { title: <Link to="/registry">{t('title')}</Link> },
        { title: <Link to={registryPath(registry)}>{t(`registries.${registry}`)}</Link> },
        ...(data ? [{ title: name }] : []),
      ]}
    />
  );

  const controls = (
    <Flex gap={12} align="center" wrap>
      {maySeeRaw && data?.items.some((i) => i.personal) && (
        <RawViewSwitch reason={rawReason} onChange={setRawReason} texts={rawTexts} />
      )}
      {data && !asOf && (
        <RaiseObjectionButton
          registry={registry}
          entityRef={data.ref}
          items={data.items.map((i) => ({ code: i.code, name: labels.item(i.code, i.name) }))}
        />
      )}
      <DatePicker
        allowClear
        value={asOf ? dayjs(asOf) : null}
        onChange={(day) => setParam('asOf', day ? day.format('YYYY-MM-DD') : undefined)}
        disabledDate={(day) => day.isAfter(dayjs(), 'day')}
        placeholder={t('entity.asOfPlaceholder')}
        aria-label={t('entity.asOf')}
        data-testid="as-of"
      />
    </Flex>
  );

  if (entity.error instanceof ApiError && entity.error.status === 404) {
    return (
      <>
        {breadcrumb}
        <Result
          status="404"
          title={t('entity.notFound')}
          subTitle={t('entity.notFoundHint', { registry: t(`registries.${registry}`) })}
          extra={
            <Flex gap={8} justify="center">
              {asOf && <Button onClick={() => setParam('asOf', undefined)}>{t('entity.current')}</Button>}
              <Button type="primary" onClick={() => navigate(registryPath(registry))}>
                {t('entity.backToList')}
              </Button>
            </Flex>
          }
        />
      </>
    );
  }
  if (entity.isError) return <LoadError error={entity.error} onRetry={() => entity.refetch()} />;
  if (!data) return <Skeleton active paragraph={{ rows: 12 }} />;

  return (
    <>
      {breadcrumb}
      <PageHeader
        title={name}
        description={<span data-testid="entity-key">{data.key}</span>}
        tags={
          <>
            <Tag color="blue">{t(`registries.${registry}`)}</Tag>
            {data.masked && data.items.some((i) => i.personal) && (
              <Tag data-testid="entity-masked">{t('entity.masked')}</Tag>
            )}
          </>
        }
        extra={controls}
      />
      {asOf && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('entity.asOfShown', { date: formatDate(dayjs(asOf).toISOString()) })}
          action={
            <Button size="small" onClick={() => setParam('asOf', undefined)}>
              {t('entity.current')}
            </Button>
          }
          data-testid="as-of-shown"
        />
      )}
      {raw && !data.masked && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('entity.rawShown')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card title={t('entity.values')} size="small">
              <EntityValues entity={data} />
            </Card>
            <Card title={t('entity.sources')} size="small">
              <EntitySources entity={data} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Card
              title={t('entity.conflicts')}
              size="small"
              extra={data.conflicts.length > 0 && <Tag color="warning">{data.conflicts.length}</Tag>}
            >
              <EntityConflicts entity={data} entityName={name} />
            </Card>
            <Card title={t('entity.links')} size="small">
              <EntityLinks entity={data} />
            </Card>
            <Card title={t('entity.history')} size="small">
              <EntityHistory entity={data} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
