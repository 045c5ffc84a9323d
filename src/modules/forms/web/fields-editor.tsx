import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tooltip,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  type Binding,
  bindingCodes,
  bindings,
  type FieldType,
  type FormAudience,
  fieldTypes,
} from '../fields.ts';

/** A field as the designer holds it: the API's shape, everything optional while it is being filled in. */
export type FieldValues = {
  key?: string;
  label?: string;
  type?: FieldType;
  required?: boolean;
  binding?: Binding | null;
  reuseKey?: string | null;
  options?: string[] | null;
  pattern?: string | null;
  maxLength?: number | null;
  help?: string | null;
};

/** A new row: a free, optional text field. */
export const newField = (): FieldValues => ({ type: 'text', required: false, binding: null });

/** The type a bound item's answers have, so its check in the app fits the registry's value. */
const bindingTypes: Partial<Record<Binding, FieldType>> = {
  'person.id_number': 'id_number',
  'person.phone': 'phone',
  'person.birth_date': 'date',
  'company.credit_code': 'credit_code',
  'company.legal_rep_id_number': 'id_number',
};

/** A registry item's name in the console's language. */
export function bindingLabel(binding: Binding): string {
  const item = bindings[binding];
  return i18n.language.startsWith('en') ? item.en : item.zh;
}

/** Which items a form of this audience may bind (see rules.ts): a company's binds its own and its filer's. */
function bindingOptions(audience: FormAudience | undefined, t: (key: string) => string) {
  const group = (prefix: 'person.' | 'company.', label: string) => ({
    label,
    title: label,
    options: bindingCodes
      .filter((b) => b.startsWith(prefix))
      .map((b) => ({ value: b, label: `${bindingLabel(b)} · ${b}` })),
  });
  const person = group('person.', t('field.registryPerson'));
  return audience === 'company' ? [group('company.', t('field.registryCompany')), person] : [person];
}

// Options typed into a tags select are split on these, so a pasted list becomes several options.
const separators = [',', '，', '、', ';', '；'];
const tight = { marginBottom: 0 };
type Row = { key: number; name: number };

/**
 * The fields of a form as an editable table (Form.List "fields"): label, key, type, required, the registry item it
 * is bound to, and for a free field its reuse key or a choice's options; rows move up and down and are removed. A
 * row expands to the pattern, maximum length and help text. Field names follow the API's (fields.N.options …), so
 * the server's errors land on the right cell.
 */
export function FieldsEditor({ form, disabled }: { form: FormInstance; disabled?: boolean }) {
  const { t } = useTranslation('forms');
  const fields = (Form.useWatch('fields', form) ?? []) as FieldValues[];
  const audience = Form.useWatch('audience', form) as FormAudience | undefined;
  const cell = (row: Row, field: string) => t('field.cell', { n: row.name + 1, field: t(`field.${field}`) });

  /** Choosing a registry item fills what is still empty (key, label) and the type its values have. */
  const bind = (index: number, binding: Binding | null) => {
    const path = (part: string) => ['fields', index, part];
    if (!binding) return;
    const item = bindings[binding];
    if (!form.getFieldValue(path('key'))) form.setFieldValue(path('key'), item.item);
    if (!form.getFieldValue(path('label'))) form.setFieldValue(path('label'), bindingLabel(binding));
    form.setFieldValue(path('type'), bindingTypes[binding] ?? 'text');
    form.setFieldValue(path('reuseKey'), null);
    form.setFieldValue(path('pattern'), null);
    form.setFieldValue(path('options'), null);
  };

  return (
    <Form.List name="fields">
      {(rows, { add, remove, move }, { errors }) => {
        const columns: ColumnsType<Row> = [
          { key: 'n', title: '#', width: 40, align: 'right', render: (_, row) => row.name + 1 },
          {
            key: 'label',
            title: t('field.label'),
            width: 170,
            render: (_, row) => (
              <Form.Item
                name={[row.name, 'label']}
                style={tight}
                rules={[{ required: true, whitespace: true, message: t('designer.rules.labelRequired') }]}
              >
                <Input aria-label={cell(row, 'label')} maxLength={60} />
              </Form.Item>
            ),
          },
          {
            key: 'key',
            title: t('field.key'),
            width: 150,
            render: (_, row) => (
              <Form.Item
                name={[row.name, 'key']}
                style={tight}
                rules={[
                  { required: true, message: t('designer.rules.keyRequired') },
                  { pattern: /^[a-z][a-z0-9_]*$/, message: t('designer.rules.keyFormat') },
                ]}
              >
                <Input aria-label={cell(row, 'key')} placeholder="returned_from" maxLength={40} />
              </Form.Item>
            ),
          },
          {
            key: 'type',
            title: t('field.type'),
            width: 130,
            render: (_, row) => (
              <Form.Item name={[row.name, 'type']} style={tight} rules={[{ required: true }]}>
                <Select
                  aria-label={cell(row, 'type')}
                  popupMatchSelectWidth={false}
                  options={fieldTypes.map((type) => ({ value: type, label: t(`fieldTypes.${type}`) }))}
                />
              </Form.Item>
            ),
          },
          {
            key: 'required',
            title: t('field.required'),
            width: 70,
            align: 'center',
            render: (_, row) => (
              <Flex justify="center">
                <Form.Item name={[row.name, 'required']} valuePropName="checked" style={tight}>
                  <Checkbox aria-label={cell(row, 'required')} />
                </Form.Item>
              </Flex>
            ),
          },
          {
            key: 'binding',
            title: t('field.binding'),
            width: 230,
            render: (_, row) => (
              <Form.Item name={[row.name, 'binding']} style={tight}>
                <Select
                  aria-label={cell(row, 'binding')}
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('field.noBinding')}
                  popupMatchSelectWidth={false}
                  options={bindingOptions(audience, t)}
                  onChange={(value: Binding | undefined) => bind(row.name, value ?? null)}
                  data-testid="field-binding"
                />
              </Form.Item>
            ),
          },
          {
            key: 'extra',
            title: `${t('field.options')} / ${t('field.reuseKey')}`,
            render: (_, row) => {
              const f = fields[row.name];
              if (f?.type === 'select')
                return (
                  <Form.Item name={[row.name, 'options']} style={tight}>
                    <Select
                      mode="tags"
                      aria-label={cell(row, 'options')}
                      placeholder={t('field.optionsPlaceholder')}
                      tokenSeparators={separators}
                      open={false}
                      suffixIcon={null}
                    />
                  </Form.Item>
                );
              return (
                <Form.Item name={[row.name, 'reuseKey']} style={tight}>
                  <Input
                    aria-label={cell(row, 'reuseKey')}
                    placeholder={f?.binding ? '—' : t('field.reuseKey')}
                    disabled={disabled || !!f?.binding}
                    maxLength={40}
                  />
                </Form.Item>
              );
            },
          },
          {
            key: 'actions',
            title: t('common:common.actions'),
            width: 100,
            fixed: 'right',
            render: (_, row) => (
              <Space size={0}>
                <Tooltip title={t('field.moveUp')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowUpOutlined />}
                    aria-label={t('field.moveUp')}
                    disabled={disabled || row.name === 0}
                    onClick={() => move(row.name, row.name - 1)}
                  />
                </Tooltip>
                <Tooltip title={t('field.moveDown')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('field.moveDown')}
                    disabled={disabled || row.name === rows.length - 1}
                    onClick={() => move(row.name, row.name + 1)}
                  />
                </Tooltip>
                <Tooltip title={t('field.remove')}>
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('field.remove')}
                    disabled={disabled}
                    onClick={() => remove(row.name)}
                  />
                </Tooltip>
              </Space>
            ),
          },
        ];
        return (
          <>
            <Table<Row>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={false}
              tableLayout="fixed"
              scroll={{ x: 1100 }}
              data-testid="fields-editor"
              expandable={{
                columnWidth: 36,
                expandedRowRender: (row) => <FieldDetails row={row} field={fields[row.name]} />,
              }}
            />
            <Form.ErrorList errors={errors} />
            {!disabled && (
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add(newField())}
                style={{ marginTop: 12 }}
                data-testid="field-add"
              >
                {t('field.add')}
              </Button>
            )}
          </>
        );
      }}
    </Form.List>
  );
}

/** A row's folded-away parts: the pattern a free text answer must match, its maximum length, the help text. */
function FieldDetails({ row, field }: { row: Row; field: FieldValues | undefined }) {
  const { t } = useTranslation('forms');
  const patternable = !field?.binding && ['text', 'textarea', 'number', 'phone'].includes(field?.type ?? '');
  return (
    <Flex gap={16} wrap style={{ padding: '4px 0' }}>
      <Form.Item name={[row.name, 'pattern']} label={t('field.pattern')} style={{ ...tight, minWidth: 240 }}>
        <Input placeholder="[A-Z]\d{9}" maxLength={200} disabled={!patternable} />
      </Form.Item>
      <Form.Item name={[row.name, 'maxLength']} label={t('field.maxLength')} style={tight}>
        <InputNumber min={1} max={2000} precision={0} />
      </Form.Item>
      <Form.Item
        name={[row.name, 'help']}
        label={t('field.help')}
        style={{ ...tight, flex: 1, minWidth: 240 }}
      >
        <Input maxLength={200} />
      </Form.Item>
    </Flex>
  );
}
