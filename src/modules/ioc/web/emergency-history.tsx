import { Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/kit/format.ts';
import type { Incident } from '../contract.ts';
import { useIncidents } from './emergency-api.ts';

const PAGE_SIZE = 10;

/** Past and open incidents, newest first, with who started and ended each and the note it ended with. */
export function EmergencyHistory({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('ioc', { keyPrefix: 'emergency.history' });
  const [page, setPage] = useState(1);
  const incidents = useIncidents(page, PAGE_SIZE);
  const when = (at: string | null, name: string | null) =>
    at ? t('by', { at: formatDateTime(at), name: name ?? '' }) : null;
  return (
    <Modal open title={t('title')} footer={null} onCancel={onClose} width={960} destroyOnHidden>
      <Table<Incident>
        rowKey="id"
        size="small"
        data-testid="emergency-history"
        loading={incidents.isPending}
        dataSource={incidents.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: incidents.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { key: 'title', title: t('columns.title'), dataIndex: 'title' },
          {
            key: 'place',
            title: t('columns.place'),
            render: (_, i) => i.subdistrictName ?? `${i.lng.toFixed(4)}, ${i.lat.toFixed(4)}`,
          },
          {
            key: 'startedAt',
            title: t('columns.startedAt'),
            render: (_, i) => when(i.startedAt, i.startedByName),
          },
          {
            key: 'endedAt',
            title: t('columns.endedAt'),
            render: (_, i) => when(i.endedAt, i.endedByName) ?? <Tag color="red">{t('open')}</Tag>,
          },
          { key: 'endNote', title: t('columns.endNote'), render: (_, i) => i.endNote ?? '—' },
        ]}
      />
    </Modal>
  );
}
