import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { useAllDepartments, useSubdistricts } from '../../org/web/index.ts';
import type { Category, DispatchRule } from '../contract.ts';
import {
  categoriesKey,
  createCategory,
  removeDispatchRule,
  setDispatchRule,
  updateCategory,
  useCategories,
  useDispatchRules,
} from './stats-api.ts';

const timeLimitPattern = /^[1-9]\d{0,3}(h|wd)$/;

/** 事件类别: the categories (name, department, time limit, offered or not) and the dispatch rules, for the center. */
export function CategoriesPage() {
  const { t } = useTranslation('events');
  const categories = useCategories();
  const departments = useAllDepartments();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const q = search.trim().toLowerCase();
  const rows = (categories.data ?? []).filter(
    (c) => !q || c.code.toLowerCase().includes(q) || c.name.toLowerCase().includes(q),
  );
  const columns: ColumnsType<Category> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('categories.fields.code'),
      width: 190,
      render: (v) => <Typography.Text code>{v}</Typography.Text>,
    },
    { key: 'name', dataIndex: 'name', title: t('categories.fields.name') },
    {
      key: 'department',
      dataIndex: 'departmentName',
      title: t('categories.fields.department'),
      render: (v) => v ?? '—',
    },
    {
      key: 'timeLimit',
      dataIndex: 'timeLimit',
      title: t('categories.fields.timeLimit'),
      width: 120,
      render: (v: string) => limitText(v, t),
    },
    {
      key: 'active',
      dataIndex: 'active',
      title: t('categories.fields.active'),
      width: 100,
      render: (active: boolean) => (
        <Tag color={active ? 'green' : 'default'}>
          {t(active ? 'categories.offered' : 'categories.retired')}
        </Tag>
      ),
    },
    {
      key: 'actions',
      title: t('categories.actions'),
      width: 90,
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          onClick={() => setEditing(c)}
          data-testid={`category-edit-${c.code}`}
        >
          {t('categories.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('categories.title')}
        description={t('categories.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="category-create"
          >
            {t('categories.create')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('categories.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 260, marginBottom: 12 }}
        />
        {categories.isError ? (
          <LoadError error={categories.error} onRetry={() => categories.refetch()} />
        ) : (
          <Table<Category>
            rowKey="code"
            size="small"
            loading={categories.isLoading}
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <TableEmpty text={t('categories.empty')} /> }}
            data-testid="categories-table"
          />
        )}
      </Card>
      <DispatchRules categories={categories.data ?? []} />
      {editing && (
        <CategoryModal
          category={editing === 'new' ? undefined : editing}
          departments={(departments.data ?? []).filter((d) => d.active)}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** `4h` as "4 小时", `3wd` as "3 个工作日". */
function limitText(limit: string, t: TFunction<'events'>) {
  const m = /^(\d+)(h|wd)$/.exec(limit);
  if (!m) return limit;
  return t(m[2] === 'h' ? 'categories.hours' : 'categories.workdays', { count: Number(m[1]) });
}

type CategoryValues = {
  code: string;
  name: string;
  departmentId: number;
  timeLimit: string;
  active: boolean;
  sort?: number | null;
};

function CategoryModal({
  category,
  departments,
  onClose,
}: {
  category?: Category;
  departments: { id: number; name: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation('events');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CategoryValues>();
  const [saving, setSaving] = useState(false);
  const save = async (v: CategoryValues) => {
    const fields = {
      name: v.name.trim(),
      departmentId: v.departmentId,
      timeLimit: v.timeLimit.trim(),
      active: v.active,
      ...(v.sort != null && { sort: v.sort }),
    };
    setSaving(true);
    try {
      const saved = category
        ? await updateCategory(category.code, fields)
        : await createCategory({ code: v.code.trim(), ...fields, sort: v.sort ?? 0 });
      message.success(t('categories.saved', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: categoriesKey });
      onClose();
    } catch (error) {
      showFormError(form, error, message.error, {
        duplicate_category: 'code',
        unknown_department: 'departmentId',
      });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={category ? t('categories.editTitle', { name: category.name }) : t('categories.createTitle')}
      okText={t('categories.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<CategoryValues>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving}
        data-testid="category-form"
        initialValues={category ?? { active: true, timeLimit: '5wd' }}
      >
        <Form.Item
          name="code"
          label={t('categories.fields.code')}
          extra={t('categories.hints.code')}
          rules={[
            { required: true, message: t('categories.rules.code') },
            { pattern: /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, message: t('categories.rules.code') },
          ]}
        >
          <Input maxLength={60} disabled={!!category} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('categories.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('categories.rules.name') }]}
        >
          <Input maxLength={60} showCount />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('categories.fields.department')}
          rules={[{ required: true, message: t('categories.rules.department') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="timeLimit"
          label={t('categories.fields.timeLimit')}
          extra={t('categories.hints.timeLimit')}
          rules={[{ required: true, pattern: timeLimitPattern, message: t('categories.rules.timeLimit') }]}
        >
          <Input maxLength={6} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="sort" label={t('categories.fields.sort')}>
          <InputNumber min={0} max={10000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="active" label={t('categories.fields.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type RuleValues = {
  categoryCode?: string | null;
  subdistrictCode?: string | null;
  departmentId: number;
  note?: string;
};

/** The dispatch rules: category × subdistrict → department; add one, remove one (confirmed). */
function DispatchRules({ categories }: { categories: Category[] }) {
  const { t } = useTranslation('events');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useDispatchRules();
  const subdistricts = useSubdistricts();
  const departments = useAllDepartments();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<RuleValues>();
  const categoryName = (code: string | null) =>
    code ? (categories.find((c) => c.code === code)?.name ?? code) : t('categories.dispatch.any');
  const subdistrictName = (code: string | null) =>
    code
      ? (subdistricts.data?.find((s) => s.code === code)?.name ?? code)
      : t('categories.dispatch.anywhere');
  const refresh = () => queryClient.invalidateQueries({ queryKey: categoriesKey });
  const remove = useMutation({
    mutationFn: (r: DispatchRule) => removeDispatchRule(r.id),
    onSuccess: () => {
      message.success(t('categories.dispatch.removed'));
      return refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });
  const add = async (v: RuleValues) => {
    try {
      await setDispatchRule({
        categoryCode: v.categoryCode ?? null,
        subdistrictCode: v.subdistrictCode ?? null,
        departmentId: v.departmentId,
        note: v.note?.trim() || null,
      });
      message.success(t('categories.dispatch.added'));
      await refresh();
      setAdding(false);
      form.resetFields();
    } catch (error) {
      showFormError(form, error, message.error, { rule_too_wide: 'categoryCode' });
    }
  };
  const columns: ColumnsType<DispatchRule> = [
    { key: 'category', dataIndex: 'categoryCode', title: t('categories.fields.name'), render: categoryName },
    {
      key: 'subdistrict',
      dataIndex: 'subdistrictCode',
      title: t('categories.dispatch.subdistrict'),
      render: subdistrictName,
    },
    {
      key: 'department',
      dataIndex: 'departmentName',
      title: t('categories.fields.department'),
      render: (v) => v ?? '—',
    },
    { key: 'note', dataIndex: 'note', title: t('categories.dispatch.note'), render: (v) => v ?? '—' },
    {
      key: 'actions',
      title: t('categories.actions'),
      width: 90,
      render: (_, r) => (
        <Popconfirm
          title={t('categories.dispatch.confirmRemove', {
            category: categoryName(r.categoryCode),
            subdistrict: subdistrictName(r.subdistrictCode),
          })}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync(r)}
        >
          <Button type="link" size="small" danger>
            {t('categories.dispatch.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t('categories.dispatch.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="rule-create">
          {t('categories.dispatch.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('categories.dispatch.description')}</Typography.Paragraph>
      {rules.isError ? (
        <LoadError error={rules.error} onRetry={() => rules.refetch()} />
      ) : (
        <Table<DispatchRule>
          rowKey="id"
          size="small"
          loading={rules.isLoading}
          columns={columns}
          dataSource={rules.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <TableEmpty text={t('categories.dispatch.empty')} /> }}
          data-testid="rules-table"
        />
      )}
      <Modal
        open={adding}
        title={t('categories.dispatch.add')}
        okText={t('categories.save')}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form<RuleValues> form={form} layout="vertical" onFinish={add} data-testid="rule-form">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Form.Item
              name="categoryCode"
              label={t('categories.fields.name')}
              extra={t('categories.dispatch.anyHint')}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={categories.filter((c) => c.active).map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
            <Form.Item
              name="subdistrictCode"
              label={t('categories.dispatch.subdistrict')}
              extra={t('categories.dispatch.anywhereHint')}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(subdistricts.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
              />
            </Form.Item>
            <Form.Item
              name="departmentId"
              label={t('categories.fields.department')}
              rules={[{ required: true, message: t('categories.rules.department') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(departments.data ?? [])
                  .filter((d) => d.active)
                  .map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('categories.dispatch.note')}>
              <Input maxLength={200} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
