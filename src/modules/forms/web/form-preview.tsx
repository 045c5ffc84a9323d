import { Alert, Button, Drawer, Flex, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { creditCodeCheck, idNumberCheck } from '../../../core/cn-codes.ts';
import { type AnswerProblem, checkAnswers } from '../answers.ts';
import type { Binding, FormField } from '../fields.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);

/** What the registries would prefill for a sample resident and company (the preview's stand-ins). */
const samples: Record<Binding, string> = {
  'person.name': '张三',
  'person.id_number': id('43011219900101123'),
  'person.sex': '男',
  'person.birth_date': '1990-01-01',
  'person.ethnicity': '汉族',
  'person.address': '望城区高塘岭街道郭亮中路1号',
  'person.phone': '13800138000',
  'person.household_id': '43011201',
  'person.subdistrict': '高塘岭街道',
  'person.community': '郭亮社区',
  'person.marital_status': '已婚',
  'company.name': '长沙望城物流有限公司',
  'company.credit_code': `91430112MA4L00001${creditCodeCheck('91430112MA4L00001')}`,
  'company.legal_rep_name': '张三',
  'company.legal_rep_id_number': id('43011219900101123'),
  'company.address': '望城区铜官街道书堂山路9号',
  'company.org_type': '有限责任公司',
  'company.status': '存续',
};

/**
 * The form as a filer sees it in the app, in a phone-wide drawer: bound fields prefilled (sample values) and shown
 * to confirm, free fields to answer. "Check answers" runs the same check the server runs on submission
 * (answers.ts), so the designer sees what a pattern or a required field asks of people.
 */
export function FormPreview({
  open,
  onClose,
  title,
  description,
  fields,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: string | null;
  fields: FormField[];
}) {
  const { t } = useTranslation('forms');
  const [form] = Form.useForm<Record<string, string>>();
  const [problems, setProblems] = useState<AnswerProblem[] | null>(null);
  const initial = Object.fromEntries(
    fields.filter((f) => f.binding).map((f) => [f.key, samples[f.binding!]]),
  );

  const check = () => {
    const answers = Object.fromEntries(
      Object.entries(form.getFieldsValue(true) as Record<string, string | undefined>).map(([k, v]) => [
        k,
        (v ?? '').trim(),
      ]),
    );
    const found = checkAnswers(fields, answers);
    setProblems(found);
    form.setFields(
      fields.map((f) => {
        const p = found.find((x) => x.field === f.key);
        // Reasons of the filling side's spelling (answer_not_a_number …) are worded too; an unknown one shows its code.
        const text = p && t(`preview.reasons.${p.reason}`, { ...p.params, defaultValue: p.reason });
        return { name: f.key, errors: text ? [text] : [] };
      }),
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={420}
      title={t('preview.title', { title })}
      destroyOnHidden
      data-testid="form-preview"
      extra={
        <Button type="primary" onClick={check} data-testid="preview-check">
          {t('preview.check')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('preview.hint')}</Typography.Paragraph>
      {description && <Typography.Paragraph>{description}</Typography.Paragraph>}
      {problems && (
        <Alert
          style={{ marginBottom: 16 }}
          type={problems.length ? 'warning' : 'success'}
          showIcon
          title={problems.length ? t('preview.problems', { count: problems.length }) : t('preview.ok')}
          data-testid="preview-result"
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} requiredMark>
        {fields.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            required={f.required}
            extra={f.help}
            label={
              <Flex gap={6} align="center">
                {f.label}
                {f.binding && <Tag color="blue">{t('preview.prefilled')}</Tag>}
                {f.reuseKey && <Tag>{t('preview.reusable')}</Tag>}
              </Flex>
            }
          >
            {answerInput(f, t)}
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}

/** The input a field's type asks for; a bound field is shown read-only (the filer confirms it). */
function answerInput(f: FormField, t: (key: string) => string) {
  if (f.binding) return <Input readOnly variant="filled" />;
  switch (f.type) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={f.maxLength} />;
    case 'select':
      return <Select allowClear options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'boolean':
      return (
        <Radio.Group
          options={[
            { value: 'true', label: t('preview.yes') },
            { value: 'false', label: t('preview.no') },
          ]}
        />
      );
    case 'date':
      return <Input type="date" />;
    case 'number':
      return <Input inputMode="decimal" />;
    case 'phone':
      return <Input inputMode="tel" />;
    default:
      return <Input maxLength={f.maxLength} />;
  }
}
