import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { useAllDepartments } from '../../org/web/index.ts';
import {
  type DirectoryService,
  deleteService,
  saveService,
  servicesKey,
  useAdminServices,
  useServiceCategories,
} from './directory-api.ts';

const states = ['all', 'active', 'inactive'] as const;

/**
 * 办事指南: the services residents find in the app, searched by words, filtered by category and state, paged;
 * added and edited in a form, deleted after a confirmation.
 */
export function ServicesPage() {
  const { t } = useTranslation('citizen');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useListParams({ q: '', category: '', state: 'all', page: '1', pageSize: '20' });
  const list = useAdminServices({
    q: params.q || undefined,
    category: params.category || undefined,
    state: params.state,
    page: Number(params.page),
    pageSize: Number(params.pageSize),
  });
  const [editing, setEditing] = useState<DirectoryService | 'new' | null>(null);
  const filtered = !!(params.q || params.category || params.state !== 'all');

  const remove = async (s: DirectoryService) => {
    try {
      await deleteService(s.id);
      message.success(t('services.deleted', { name: s.name }));
      await queryClient.invalidateQueries({ queryKey: servicesKey });
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const columns: ColumnsType<DirectoryService> = [
    {
      key: 'name',
      title: t('services.fields.name'),
      width: 300,
      render: (_, s) => (
        <Space direction="vertical" size={0} style={{ maxWidth: 280 }}>
          <Typography.Text strong>{s.name}</Typography.Text>
          {s.summary && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
              {s.summary}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'category',
      title: t('services.fields.category'),
      width: 120,
      render: (_, s) => <Tag>{s.category}</Tag>,
    },
    {
      key: 'department',
      title: t('services.fields.department'),
      width: 120,
      render: (_, s) => s.departmentName ?? '—',
    },
    {
      key: 'place',
      title: t('services.fields.place'),
      width: 200,
      ellipsis: { showTitle: true },
      render: (_, s) => s.place ?? '—',
    },
    { key: 'phone', title: t('services.fields.phone'), width: 130, render: (_, s) => s.phone ?? '—' },
    {
      key: 'state',
      title: t('services.fields.active'),
      width: 130,
      render: (_, s) => (
        <Space size={4} wrap>
          {s.active ? (
            <Tag color="green">{t('services.states.active')}</Tag>
          ) : (
            <Tag>{t('services.states.inactive')}</Tag>
          )}
          {s.online && <Tag color="blue">{t('services.online')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'updatedAt',
      title: t('services.fields.updatedAt'),
      width: 150,
      render: (_, s) => formatDateTime(s.updatedAt),
    },
    {
      key: 'actions',
      title: t('services.actions'),
      width: 130,
      fixed: 'right',
      render: (_, s) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(s)} data-testid={`service-edit-${s.id}`}>
            {t('services.edit')}
          </Button>
          <Popconfirm
            title={t('services.deleteConfirm', { name: s.name })}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(s)}
          >
            <Button type="link" size="small" danger data-testid={`service-delete-${s.id}`}>
              {t('services.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('services.title')}
        description={t('services.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="service-create"
          >
            {t('services.create')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.q}
          placeholder={t('services.search')}
          aria-label={t('services.search')}
          onSearch={(value) => setParams({ q: value.trim() })}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          value={params.category || undefined}
          placeholder={t('services.allCategories')}
          aria-label={t('services.category')}
          onChange={(category) => setParams({ category: category ?? '' })}
          options={(list.data?.categories ?? []).map((c) => ({
            value: c.category,
            label: `${c.category}（${c.count}）`,
          }))}
          style={{ width: 200 }}
        />
        <Segmented
          value={params.state}
          onChange={(state) => setParams({ state: String(state) })}
          options={states.map((s) => ({ value: s, label: t(`services.states.${s}`) }))}
        />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<DirectoryService>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          data-testid="services-table"
          scroll={{ x: 1280 }}
          pagination={urlPagination(params, setParams, list.data?.total ?? 0)}
          locale={{
            emptyText: <TableEmpty text={filtered ? t('services.noMatch') : t('services.empty')} />,
          }}
        />
      )}
      {editing && (
        <ServiceModal service={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

type ServiceValues = {
  name: string;
  category: string;
  summary?: string;
  departmentId?: number | null;
  place?: string;
  hours?: string;
  phone?: string;
  materials: string[];
  online: boolean;
  formCode?: string;
  sortOrder?: number | null;
  active: boolean;
};

/** The form of one service, new or edited; the server's field errors land under their inputs. */
function ServiceModal({ service, onClose }: { service?: DirectoryService; onClose: () => void }) {
  const { t } = useTranslation('citizen');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const departments = useAllDepartments();
  const categories = useServiceCategories();
  const [form] = Form.useForm<ServiceValues>();
  const [saving, setSaving] = useState(false);

  const save = async (v: ServiceValues) => {
    setSaving(true);
    try {
      const saved = await saveService(
        {
          name: v.name.trim(),
          category: v.category.trim(),
          summary: v.summary?.trim() || null,
          departmentId: v.departmentId ?? null,
          place: v.place?.trim() || null,
          hours: v.hours?.trim() || null,
          phone: v.phone?.trim() || null,
          materials: (v.materials ?? []).map((m) => m.trim()),
          online: v.online,
          formCode: v.formCode?.trim() || null,
          sortOrder: v.sortOrder ?? 0,
          active: v.active,
        },
        service?.id,
      );
      message.success(t('services.saved', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: servicesKey });
      onClose();
    } catch (error) {
      showFormError(form, error, message.error, {
        duplicate_service: 'name',
        unknown_department: 'departmentId',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={service ? t('services.editTitle', { name: service.name }) : t('services.createTitle')}
      okText={t('services.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<ServiceValues>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving}
        data-testid="service-form"
        initialValues={
          service
            ? { ...service, summary: service.summary ?? '', formCode: service.formCode ?? '' }
            : { materials: [], online: false, active: true, sortOrder: 0 }
        }
      >
        <Form.Item
          name="name"
          label={t('services.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('services.rules.name') }]}
        >
          <Input maxLength={60} showCount />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            name="category"
            label={t('services.fields.category')}
            extra={t('services.hints.category')}
            rules={[{ required: true, whitespace: true, message: t('services.rules.category') }]}
          >
            <AutoComplete
              maxLength={20}
              style={{ width: 220 }}
              options={(categories.data ?? []).map((c) => ({ value: c }))}
              filterOption={(input, option) => !!option?.value.includes(input)}
            />
          </Form.Item>
          <Form.Item name="departmentId" label={t('services.fields.department')}>
            <Select
              allowClear
              style={{ width: 220 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={(departments.data ?? [])
                .filter((d) => d.active)
                .map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('services.fields.summary')}>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="place" label={t('services.fields.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="hours" label={t('services.fields.hours')}>
            <Input maxLength={100} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('services.fields.phone')}
            extra={t('services.hints.phone')}
            rules={[{ pattern: /^$|^[0-9][0-9\- ,，/、转]*[0-9]$/, message: t('services.rules.phone') }]}
          >
            <Input maxLength={40} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item label={t('services.fields.materials')} required={false}>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={field.name}
                      rules={[{ required: true, whitespace: true, message: t('services.rules.material') }]}
                      style={{ marginBottom: 8, width: 520 }}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <MinusCircleOutlined
                      onClick={() => remove(field.name)}
                      aria-label={t('services.delete')}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  onClick={() => add('')}
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 30}
                >
                  {t('services.addMaterial')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Space wrap align="start" size="large">
          <Form.Item
            name="formCode"
            label={t('services.fields.formCode')}
            tooltip={t('services.hints.formCode')}
            rules={[{ pattern: /^$|^[a-z0-9][a-z0-9-]*$/, message: t('services.rules.formCode') }]}
          >
            <Input maxLength={40} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="sortOrder"
            label={t('services.fields.sortOrder')}
            tooltip={t('services.hints.sortOrder')}
          >
            <InputNumber min={0} max={9999} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="online" label={t('services.fields.online')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('services.fields.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
