// The input of one free field of a form, by its type, sized for a thumb on a 360 px phone.
import { DatePicker, Input, Picker, Radio, Selector, Space, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../../../web/m/i18n.ts';
import type { FillField } from '../filling/contract.ts';

const big = { '--font-size': '17px' } as React.CSSProperties;

/** How the phone's keyboard should look for a field's type. */
function inputModeOf(type: FillField['type']): React.HTMLAttributes<HTMLInputElement>['inputMode'] {
  if (type === 'number') return 'decimal';
  if (type === 'phone') return 'tel';
  return 'text';
}

/** The text of a date picked on the phone: YYYY-MM-DD. */
const ymd = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function DateInput({ field, value, onChange }: FieldInputProps) {
  const t = useT('forms');
  const [open, setOpen] = useState(false);
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : null;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={field.label}
        style={{
          all: 'unset',
          display: 'block',
          width: '100%',
          minHeight: 32,
          fontSize: 17,
          color: value ? '#333' : '#ccc',
          cursor: 'pointer',
        }}
      >
        {value || t('fill.choose')}
      </button>
      <DatePicker
        visible={open}
        title={field.label}
        value={parsed}
        min={new Date(1900, 0, 1)}
        max={new Date(new Date().getFullYear() + 5, 11, 31)}
        onClose={() => setOpen(false)}
        onConfirm={(d) => onChange(ymd(d))}
      />
    </>
  );
}

function SelectInput({ field, value, onChange }: FieldInputProps) {
  const t = useT('forms');
  const [open, setOpen] = useState(false);
  const options = field.options ?? [];
  // A few choices are shown at once, large enough to tap; a long list opens a picker.
  if (options.length <= 4)
    return (
      <Selector
        columns={Math.min(options.length, 3) || 1}
        options={options.map((o) => ({ label: o, value: o }))}
        value={value ? [value] : []}
        onChange={(v) => onChange(v[0] ?? '')}
        style={{ '--padding': '10px 8px' } as React.CSSProperties}
      />
    );
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={field.label}
        style={{
          all: 'unset',
          display: 'block',
          width: '100%',
          minHeight: 32,
          fontSize: 17,
          color: value ? '#333' : '#ccc',
        }}
      >
        {value || t('fill.choose')}
      </button>
      <Picker
        visible={open}
        title={field.label}
        columns={[options.map((o) => ({ label: o, value: o }))]}
        value={value ? [value] : []}
        onClose={() => setOpen(false)}
        onConfirm={(v) => onChange(String(v[0] ?? ''))}
      />
    </>
  );
}

function YesNoInput({ field, value, onChange }: FieldInputProps) {
  const t = useT('forms');
  return (
    <Radio.Group value={value || undefined} onChange={(v) => onChange(String(v))}>
      <Space
        style={{ '--gap': '32px', minHeight: 40, alignItems: 'center' } as React.CSSProperties}
        aria-label={field.label}
      >
        <Radio value="true" style={{ '--icon-size': '24px', '--font-size': '17px' } as React.CSSProperties}>
          {t('fill.yes')}
        </Radio>
        <Radio value="false" style={{ '--icon-size': '24px', '--font-size': '17px' } as React.CSSProperties}>
          {t('fill.no')}
        </Radio>
      </Space>
    </Radio.Group>
  );
}

type FieldInputProps = { field: FillField; value: string; onChange: (value: string) => void };

/** The input for a free field: a date picker, a choice, yes or no, a text area, or a text box with the right keyboard. */
export function FieldInput(props: FieldInputProps) {
  const t = useT('forms');
  const { field, value, onChange } = props;
  switch (field.type) {
    case 'date':
      return <DateInput {...props} />;
    case 'select':
      return <SelectInput {...props} />;
    case 'boolean':
      return <YesNoInput {...props} />;
    case 'textarea':
      return (
        <TextArea
          aria-label={field.label}
          value={value}
          onChange={onChange}
          placeholder={t('fill.placeholder')}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={field.maxLength}
          showCount={field.maxLength !== undefined}
          style={big}
        />
      );
    default:
      return (
        <Input
          aria-label={field.label}
          value={value}
          onChange={(v) =>
            onChange(field.type === 'id_number' || field.type === 'credit_code' ? v.toUpperCase() : v)
          }
          placeholder={t('fill.placeholder')}
          inputMode={inputModeOf(field.type)}
          type={field.type === 'phone' ? 'tel' : 'text'}
          maxLength={
            field.maxLength ?? (field.type === 'id_number' || field.type === 'credit_code' ? 18 : undefined)
          }
          clearable
          style={big}
        />
      );
  }
}
