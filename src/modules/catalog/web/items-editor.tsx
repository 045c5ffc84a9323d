import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  ExclamationCircleFilled,
  InfoCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
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
  theme,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface.js';
import { useTranslation } from 'react-i18next';
import type { DataItem } from '../contract.ts';
import { isPersonalByKind } from '../rules.ts';
import { itemTypes } from './catalog-api.ts';

/** A data item as the form holds it: the API's shape, with everything optional while it is being filled in. */
export type ItemValues = Partial<Omit<DataItem, 'validator'>> & {
  validator?: {
    enum?: string[];
    pattern?: string;
    min?: number | null;
    max?: number | null;
    maxLength?: number | null;
  };
};

/** A new row: a text item, neither required nor personal. */
export const newItem = (): ItemValues => ({ type: 'string', required: false, personal: false });

type Row = { key: number; name: number };

// Tags typed into a tags select are split on these, so a pasted list becomes several values.
const separators = [',', '，', '、', ';', '；'];
const tight = { marginBottom: 0 };

/**
 * The data items of a resource as an editable table (Form.List "items"): code, name, type, required, personal,
 * enum values for an enum item and a pattern for any other, synonyms; rows move up and down and are removed.
 * A row expands to the description and the numeric and length bounds. Field names follow the API's
 * (items.N.validator.enum …), so the server's errors land on the right cell.
 */
export function ItemsEditor({
  form,
  personalLocked,
}: {
  form: FormInstance;
  /** True for an item whose personal flag this user may not take off (it needs the center's review). */
  personalLocked?: (item: ItemValues) => boolean;
}) {
  const { t } = useTranslation('catalog');
  const items = (Form.useWatch('items', form) ?? []) as ItemValues[];

  const label = (row: Row, field: string) =>
    t('form.itemCell', { n: row.name + 1, field: t(`itemFields.${field}`) });

  return (
    <Form.List
      name="items"
      rules={[
        {
          validator: async (_, value: unknown[] | undefined) => {
            if (!value?.length) throw new Error(t('form.rules.itemsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => {
        const removeRow = (index: number) => {
          // A removed item can no longer be a key.
          const code = form.getFieldValue(['items', index, 'code']);
          remove(index);
          const keys: string[] = form.getFieldValue('keyItems') ?? [];
          if (code && keys.includes(code))
            form.setFieldValue(
              'keyItems',
              keys.filter((k) => k !== code),
            );
        };
        const columns: ColumnsType<Row> = [
          { key: 'n', title: '#', width: 40, align: 'right', render: (_, row) => row.name + 1 },
          {
            key: 'code',
            title: t('itemFields.code'),
            width: 150,
            render: (_, row) => (
              <Form.Item
                name={[row.name, 'code']}
                style={tight}
                rules={[
                  { required: true, message: t('form.rules.itemCodeRequired') },
                  { pattern: /^[a-z][a-z0-9_]{0,62}$/, message: t('form.rules.itemCodeFormat') },
                ]}
              >
                <Input aria-label={label(row, 'code')} placeholder="id_number" maxLength={63} />
              </Form.Item>
            ),
          },
          {
            key: 'name',
            title: t('itemFields.name'),
            width: 150,
            render: (_, row) => (
              <Form.Item
                name={[row.name, 'name']}
                style={tight}
                rules={[{ required: true, whitespace: true, message: t('form.rules.itemNameRequired') }]}
              >
                <Input aria-label={label(row, 'name')} maxLength={60} />
              </Form.Item>
            ),
          },
          {
            key: 'type',
            title: t('itemFields.type'),
            width: 130,
            render: (_, row) => (
              <Form.Item name={[row.name, 'type']} style={tight} rules={[{ required: true }]}>
                <Select
                  aria-label={label(row, 'type')}
                  popupMatchSelectWidth={false}
                  options={itemTypes.map((type) => ({ value: type, label: t(`itemTypes.${type}`) }))}
                />
              </Form.Item>
            ),
          },
          {
            key: 'required',
            title: t('itemFields.required'),
            width: 76,
            align: 'center',
            render: (_, row) => <CheckCell row={row} field="required" label={label(row, 'required')} />,
          },
          {
            key: 'personal',
            title: (
              <Tooltip title={t('form.hints.personal')}>
                <span>{t('itemFields.personal')}</span>
              </Tooltip>
            ),
            width: 84,
            align: 'center',
            render: (_, row) => {
              const item = items[row.name];
              // An ID number, phone, name or home address is personal whatever the box says: shown ticked, fixed.
              if (item && isPersonalByKind({ type: item.type ?? 'string', name: item.name ?? '' }))
                return (
                  <Flex justify="center">
                    <Tooltip title={t('form.hints.personalByKind')}>
                      <Checkbox checked disabled aria-label={label(row, 'personal')} />
                    </Tooltip>
                  </Flex>
                );
              const locked = !!item && !!personalLocked?.(item);
              return (
                <CheckCell
                  row={row}
                  field="personal"
                  label={label(row, 'personal')}
                  disabled={locked}
                  hint={locked ? t('form.hints.unflagNeedsReview') : undefined}
                />
              );
            },
          },
          {
            key: 'validator',
            title: t('form.enumOrPattern'),
            width: 190,
            render: (_, row) =>
              items[row.name]?.type === 'enum' ? (
                <Form.Item name={[row.name, 'validator', 'enum']} style={tight}>
                  <Select
                    mode="tags"
                    aria-label={label(row, 'enum')}
                    placeholder={t('form.placeholders.enum')}
                    tokenSeparators={separators}
                    open={false}
                    suffixIcon={null}
                  />
                </Form.Item>
              ) : (
                <Form.Item name={[row.name, 'validator', 'pattern']} style={tight}>
                  <Input
                    aria-label={label(row, 'pattern')}
                    placeholder={t('form.placeholders.pattern')}
                    maxLength={200}
                  />
                </Form.Item>
              ),
          },
          {
            key: 'synonyms',
            title: t('itemFields.synonyms'),
            render: (_, row) => (
              <Form.Item name={[row.name, 'synonyms']} style={tight}>
                <Select
                  mode="tags"
                  aria-label={label(row, 'synonyms')}
                  placeholder={t('form.placeholders.synonyms')}
                  tokenSeparators={separators}
                  open={false}
                  suffixIcon={null}
                />
              </Form.Item>
            ),
          },
          {
            key: 'actions',
            title: t('common:common.actions'),
            width: 100,
            fixed: 'right',
            render: (_, row) => (
              <Space size={0}>
                <Tooltip title={t('form.moveUp')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowUpOutlined />}
                    aria-label={t('form.moveUp')}
                    disabled={row.name === 0}
                    onClick={() => move(row.name, row.name - 1)}
                  />
                </Tooltip>
                <Tooltip title={t('form.moveDown')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('form.moveDown')}
                    disabled={row.name === fields.length - 1}
                    onClick={() => move(row.name, row.name + 1)}
                  />
                </Tooltip>
                <Tooltip title={t('form.removeItem')}>
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('form.removeItem')}
                    onClick={() => removeRow(row.name)}
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
              dataSource={fields}
              pagination={false}
              tableLayout="fixed"
              scroll={{ x: 1100 }}
              data-testid="items-editor"
              expandable={{
                columnWidth: 36,
                expandedRowRender: (row) => <ItemDetails row={row} />,
              }}
            />
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add(newItem())}
              style={{ marginTop: 12 }}
              data-testid="item-add"
            >
              {t('form.addItem')}
            </Button>
          </>
        );
      }}
    </Form.List>
  );
}

/**
 * A checkbox cell. The column is narrow and the server's errors on these flags are sentences ("an open resource
 * cannot contain the personal item phone"), so they show as an icon beside the box, with the text on hover.
 */
function CheckCell({
  row,
  field,
  label,
  disabled,
  hint,
}: {
  row: Row;
  field: 'required' | 'personal';
  label: string;
  disabled?: boolean;
  hint?: string;
}) {
  const { token } = theme.useToken();
  return (
    <Form.Item noStyle shouldUpdate>
      {(form) => {
        const errors = form.getFieldError(['items', row.name, field]).join('；');
        return (
          <Flex justify="center" align="center" gap={6}>
            <Form.Item
              name={[row.name, field]}
              valuePropName="checked"
              style={tight}
              help={errors ? '' : undefined}
            >
              <Checkbox aria-label={label} disabled={disabled} />
            </Form.Item>
            {hint && (
              <Tooltip title={hint}>
                <InfoCircleOutlined aria-label={hint} style={{ color: token.colorTextTertiary }} />
              </Tooltip>
            )}
            {errors && (
              <Tooltip title={errors}>
                <ExclamationCircleFilled
                  role="alert"
                  aria-label={errors}
                  style={{ color: token.colorError }}
                  data-testid="item-flag-error"
                />
              </Tooltip>
            )}
          </Flex>
        );
      }}
    </Form.Item>
  );
}

/** The expanded part of an item row: its description and the bounds its values must keep. */
function ItemDetails({ row }: { row: Row }) {
  const { t } = useTranslation('catalog');
  return (
    <Space wrap align="start" size={16} style={{ paddingInlineStart: 36 }}>
      <Form.Item
        name={[row.name, 'description']}
        label={t('itemFields.description')}
        style={{ ...tight, width: 420 }}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
      </Form.Item>
      <Form.Item name={[row.name, 'validator', 'min']} label={t('itemFields.min')} style={tight}>
        <InputNumber style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name={[row.name, 'validator', 'max']} label={t('itemFields.max')} style={tight}>
        <InputNumber style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name={[row.name, 'validator', 'maxLength']} label={t('itemFields.maxLength')} style={tight}>
        <InputNumber min={1} max={100000} precision={0} style={{ width: 130 }} />
      </Form.Item>
    </Space>
  );
}
