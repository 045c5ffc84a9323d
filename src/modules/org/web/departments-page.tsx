import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveTag } from '../../../../web/kit/active-tag.tsx';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { urlTableProps, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import type { Department } from '../contract.ts';
import { orgPolicy } from '../policy.ts';
import { DepartmentFormModal } from './department-form-modal.tsx';
import {
  departmentKinds,
  departmentsKey,
  updateDepartment,
  useDepartmentPage,
  useSubdistricts,
} from './departments-api.ts';

const kindColors = { center: 'gold', department: 'blue', subdistrict: 'green' } as const;
// Each sortable column sorts one way only, as the API does: names and codes A–Z, latest change first.
const sortColumns = { code: 'ascend', name: 'ascend', sort: 'ascend', updated: 'descend' } as const;

/** The list of departments: search, filter, sort; admins create, edit, activate and deactivate. */
export function DepartmentsPage() {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mayManage = allowed(useSignedInUser().roles, orgPolicy.manage);
  const [params, setParams] = useListParams({
    q: '',
    kind: '',
    active: '',
    page: '1',
    pageSize: '20',
    sort: 'sort',
  });
  const [search, setSearch] = useState(params.q);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const page = useDepartmentPage({ ...params, page: Number(params.page), pageSize: Number(params.pageSize) });
  const subdistricts = useSubdistricts();
  const divisionName = (code: string | null) =>
    (code && subdistricts.data?.find((d) => d.code === code)?.name) ?? code;

  const toggle = useMutation({
    mutationFn: (d: Department) => updateDepartment(d.id, { active: !d.active }),
    onSuccess: (d) => {
      message.success(t(d.active ? 'activated' : 'deactivated', { name: d.name }));
      return queryClient.invalidateQueries({ queryKey: departmentsKey });
    },
    onError: (error) => message.error(errorText(error)),
  });

  const sorted = (key: keyof typeof sortColumns) => ({
    sorter: true,
    sortDirections: [sortColumns[key]],
    sortOrder: params.sort === key ? sortColumns[key] : null,
  });

  const columns: ColumnsType<Department> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('fields.code'),
      width: 120,
      ...sorted('code'),
      render: (code) => <Typography.Text code>{code}</Typography.Text>,
    },
    { key: 'name', dataIndex: 'name', title: t('fields.name'), ...sorted('name') },
    {
      key: 'kind',
      dataIndex: 'kind',
      title: t('fields.kind'),
      width: 130,
      render: (kind: Department['kind']) => <Tag color={kindColors[kind]}>{t(`kinds.${kind}`)}</Tag>,
    },
    {
      key: 'division',
      dataIndex: 'divisionCode',
      title: t('fields.divisionCode'),
      width: 110,
      render: (code) => divisionName(code) ?? '—',
    },
    {
      key: 'contact',
      title: t('fields.contactAndPhone'),
      render: (_, d) => [d.contact, d.phone].filter(Boolean).join(' · ') || '—',
    },
    {
      key: 'active',
      dataIndex: 'active',
      title: t('common:common.status'),
      width: 90,
      render: (active) => <ActiveTag active={active} />,
    },
    {
      key: 'sort',
      dataIndex: 'sort',
      title: t('fields.sort'),
      width: 110,
      align: 'right',
      ...sorted('sort'),
    },
    {
      key: 'updated',
      dataIndex: 'updatedAt',
      title: t('fields.updatedAt'),
      width: 170,
      ...sorted('updated'),
      render: (v) => formatDateTime(v),
    },
  ];
  if (mayManage) {
    columns.push({
      key: 'actions',
      title: t('common:common.actions'),
      width: 130,
      fixed: 'right',
      render: (_, d) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(d)}>
            {t('common:common.edit')}
          </Button>
          <Popconfirm
            title={t(d.active ? 'confirmDeactivate' : 'confirmActivate', { name: d.name })}
            description={d.active ? t('confirmDeactivateHint') : undefined}
            okButtonProps={{ danger: d.active }}
            onConfirm={() => toggle.mutateAsync(d)}
          >
            <Button type="link" size="small" danger={d.active}>
              {t(d.active ? 'common:common.deactivate' : 'common:common.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        extra={
          mayManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="department-create"
            >
              {t('create')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ width: 260 }}
          data-testid="department-search"
        />
        <Select
          aria-label={t('kindFilter')}
          value={params.kind}
          onChange={(kind) => setParams({ kind })}
          style={{ width: 170 }}
          options={[
            { value: '', label: `${t('kindFilter')}: ${t('common:common.all')}` },
            ...departmentKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
          ]}
        />
        <Select
          aria-label={t('statusFilter')}
          value={params.active}
          onChange={(active) => setParams({ active })}
          style={{ width: 140 }}
          options={[
            { value: '', label: `${t('statusFilter')}: ${t('common:common.all')}` },
            { value: 'true', label: t('common:common.active') },
            { value: 'false', label: t('common:common.inactive') },
          ]}
        />
      </Space>
      {page.isError ? (
        <LoadError error={page.error} onRetry={() => page.refetch()} />
      ) : (
        <Table<Department>
          rowKey="id"
          columns={columns}
          dataSource={page.data?.items}
          loading={page.isFetching}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <TableEmpty text={t('empty')} /> }}
          {...urlTableProps<Department>(params, setParams, page.data?.total ?? 0, 'sort')}
        />
      )}
      {editing && (
        <DepartmentFormModal
          department={editing === 'new' ? undefined : editing}
          subdistricts={subdistricts.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
