import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import type { Resource } from '../../catalog/contract.ts';
import { BatchesTable } from './batches-table.tsx';
import { UploadDataButton } from './upload-button.tsx';

/** The 批次 tab: the resource's batches, newest first. */
export function ResourceBatchesTab({ resource }: { resource: Resource }) {
  const { t } = useTranslation('ingest');
  const [page, setPage] = useState({ current: 1, size: 10 });
  return (
    <BatchesTable
      resource={resource.code}
      showResource={false}
      page={page.current}
      pageSize={page.size}
      onPageChange={(current, size) => setPage({ current, size })}
      empty={
        <TableEmpty text={t('batches.emptyResource')}>
          <UploadDataButton resource={resource} quiet />
        </TableEmpty>
      }
    />
  );
}
