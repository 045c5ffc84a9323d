import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
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
import { useShowOnce } from '../../../../web/kit/show-once.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { roles } from '../../../core/context.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import type { User } from '../contract.ts';
import { UserFormModal } from './user-form-modal.tsx';
import { resetPassword, unlockUser, updateUser, usersKey, useUserPage } from './users-api.ts';

// Each sortable column sorts one way only, as the API does: names A–Z, newest and latest sign-in first.
const sortColumns = {
  username: 'ascend',
  displayName: 'ascend',
  created: 'descend',
  lastLogin: 'descend',
} as const;

/** User administration: search and filter accounts; create, edit, disable, reset passwords and unlock. */
export function UsersPage() {
  const { t } = useTranslation('accounts');
  const { message } = App.useApp();
  const showOnce = useShowOnce();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const [params, setParams] = useListParams({
    q: '',
    departmentId: '',
    role: '',
    active: '',
    page: '1',
    pageSize: '20',
    sort: 'username',
  });
  const [search, setSearch] = useState(params.q);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const page = useUserPage({ ...params, page: Number(params.page), pageSize: Number(params.pageSize) });
  const departments = useAllDepartments();
  const departmentName = (id: number | null) =>
    id === null ? t('users.noDepartment') : (departments.data?.find((d) => d.id === id)?.name ?? `#${id}`);

  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey });
  const onError = (error: unknown) => message.error(errorText(error));
  const toggle = useMutation({
    mutationFn: (u: User) => updateUser(u.id, { active: !u.active }),
    onSuccess: (u) => {
      message.success(t(u.active ? 'done.enabled' : 'done.disabled', { name: u.displayName }));
      return refresh();
    },
    onError,
  });
  const reset = useMutation({
    mutationFn: (u: User) => resetPassword(u.id),
    onSuccess: ({ user, password }) => {
      message.success(t('done.passwordReset', { name: user.displayName }));
      if (password)
        showOnce(t('once.resetTitle'), t('once.passwordLabel', { username: user.username }), password);
      return refresh();
    },
    onError,
  });
  const unlock = useMutation({
    mutationFn: (u: User) => unlockUser(u.id),
    onSuccess: (u) => {
      message.success(t('done.unlocked', { name: u.displayName }));
      return refresh();
    },
    onError,
  });

  const sorted = (key: keyof typeof sortColumns) => ({
    sorter: true,
    sortDirections: [sortColumns[key]],
    sortOrder: params.sort === key ? sortColumns[key] : null,
  });

  const columns: ColumnsType<User> = [
    {
      key: 'username',
      dataIndex: 'username',
      title: t('fields.username'),
      ...sorted('username'),
      render: (username: string, u) => (
        <Space size={4}>
          <Typography.Text code>{username}</Typography.Text>
          {u.id === me.id && <Tag>{t('users.self')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'displayName',
      dataIndex: 'displayName',
      title: t('fields.displayName'),
      ...sorted('displayName'),
    },
    { key: 'department', dataIndex: 'departmentId', title: t('fields.department'), render: departmentName },
    {
      key: 'roles',
      dataIndex: 'roles',
      title: t('fields.roles'),
      render: (userRoles: User['roles']) => userRoles.map((r) => <Tag key={r}>{t(`common:roles.${r}`)}</Tag>),
    },
    {
      key: 'status',
      title: t('common:common.status'),
      render: (_, u) => (
        <Space size={4} wrap>
          <ActiveTag active={u.active} />
          {u.locked && (
            <Tooltip title={t('users.lockedUntil', { until: formatDateTime(u.lockedUntil) })}>
              <Tag color="red">{t('users.locked')}</Tag>
            </Tooltip>
          )}
          {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'lastLogin',
      dataIndex: 'lastLoginAt',
      title: t('fields.lastLoginAt'),
      ...sorted('lastLogin'),
      render: (v) => formatDateTime(v),
    },
    {
      key: 'created',
      dataIndex: 'createdAt',
      title: t('fields.createdAt'),
      ...sorted('created'),
      render: (v) => formatDateTime(v),
    },
    {
      key: 'actions',
      title: t('common:common.actions'),
      fixed: 'right',
      width: 260,
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(u)}>
            {t('common:common.edit')}
          </Button>
          <Popconfirm
            title={t('confirm.resetPassword', { name: u.displayName })}
            description={t('confirm.resetPasswordHint')}
            onConfirm={() => reset.mutateAsync(u)}
          >
            <Button type="link" size="small">
              {t('actions.resetPassword')}
            </Button>
          </Popconfirm>
          {u.locked && (
            <Popconfirm
              title={t('confirm.unlock', { name: u.displayName })}
              description={t('confirm.unlockHint')}
              onConfirm={() => unlock.mutateAsync(u)}
            >
              <Button type="link" size="small">
                {t('actions.unlock')}
              </Button>
            </Popconfirm>
          )}
          {/* Disabling one's own account would end this very session. */}
          {u.id !== me.id && (
            <Popconfirm
              title={t(u.active ? 'confirm.disable' : 'confirm.enable', { name: u.displayName })}
              description={u.active ? t('confirm.disableHint') : undefined}
              okButtonProps={{ danger: u.active }}
              onConfirm={() => toggle.mutateAsync(u)}
            >
              <Button type="link" size="small" danger={u.active}>
                {t(u.active ? 'actions.disable' : 'actions.enable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setParams({ q: q.trim() })}
          style={{ width: 260 }}
        />
        <Select
          aria-label={t('users.departmentFilter')}
          value={params.departmentId}
          onChange={(departmentId) => setParams({ departmentId })}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          loading={departments.isPending}
          options={[
            { value: '', label: `${t('users.departmentFilter')}: ${t('common:common.all')}` },
            ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
          ]}
        />
        <Select
          aria-label={t('users.roleFilter')}
          value={params.role}
          onChange={(role) => setParams({ role })}
          style={{ width: 160 }}
          options={[
            { value: '', label: `${t('users.roleFilter')}: ${t('common:common.all')}` },
            ...roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) })),
          ]}
        />
        <Select
          aria-label={t('users.statusFilter')}
          value={params.active}
          onChange={(active) => setParams({ active })}
          style={{ width: 140 }}
          options={[
            { value: '', label: `${t('users.statusFilter')}: ${t('common:common.all')}` },
            { value: 'true', label: t('common:common.active') },
            { value: 'false', label: t('common:common.inactive') },
          ]}
        />
      </Space>
      {page.isError ? (
        <LoadError error={page.error} onRetry={() => page.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={page.data?.items}
          loading={page.isFetching}
          locale={{ emptyText: <TableEmpty text={t('users.empty')} /> }}
          {...urlTableProps<User>(params, setParams, page.data?.total ?? 0, 'username')}
        />
      )}
      {editing && (
        <UserFormModal
          user={editing === 'new' ? undefined : editing}
          departments={departments.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
