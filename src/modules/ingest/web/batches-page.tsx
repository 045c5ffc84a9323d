import { Button, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useListParams } from '../../../../web/kit/list-params.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { ingestPolicy } from '../policy.ts';
import { BatchesTable } from './batches-table.tsx';
import { statuses, uploadPath } from './ingest-api.ts';
import { IngestHeader } from './ingest-nav.tsx';
import { ResourceSelect } from './resource-select.tsx';

/** 批次: every batch of every resource, newest first, filtered by resource and status (kept in the URL). */
export function BatchesPage() {
  const { t } = useTranslation('ingest');
  const navigate = useNavigate();
  const me = useSignedInUser();
  const [params, setParams] = useListParams({ resource: '', status: '', page: '1', pageSize: '20' });
  const filtered = !!(params.resource || params.status);

  return (
    <>
      <IngestHeader />
      <Space wrap style={{ marginBottom: 16 }}>
        <ResourceSelect
          allowClear
          value={params.resource || undefined}
          onChange={(resource) => setParams({ resource })}
          placeholder={`${t('batches.resource')}: ${t('common:common.all')}`}
          aria-label={t('batches.resource')}
          data-testid="batches-resource"
          style={{ width: 320 }}
        />
        <Select
          aria-label={t('batches.status')}
          value={params.status}
          onChange={(status) => setParams({ status })}
          style={{ width: 160 }}
          data-testid="batches-status"
          options={[
            { value: '', label: `${t('batches.status')}: ${t('common:common.all')}` },
            ...statuses.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
          ]}
        />
        {filtered && (
          <Button type="link" onClick={() => setParams({ resource: '', status: '' })}>
            {t('batches.clearFilters')}
          </Button>
        )}
      </Space>
      <BatchesTable
        resource={params.resource}
        status={params.status}
        page={Number(params.page)}
        pageSize={Number(params.pageSize)}
        onPageChange={(page, pageSize) => setParams({ page: String(page), pageSize: String(pageSize) })}
        empty={
          filtered ? (
            <TableEmpty text={t('batches.emptyFiltered')}>
              <Button onClick={() => setParams({ resource: '', status: '' })}>
                {t('batches.clearFilters')}
              </Button>
            </TableEmpty>
          ) : (
            <TableEmpty text={t('batches.empty')}>
              {allowed(me.roles, ingestPolicy.deliver) && (
                <Button type="primary" onClick={() => navigate(uploadPath())}>
                  {t('nav.upload')}
                </Button>
              )}
            </TableEmpty>
          )
        }
      />
    </>
  );
}
