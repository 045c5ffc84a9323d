import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import type { Category } from '../../events/contract.ts';
import { severities } from '../ports.ts';
import { createRule, profileName, rulesKey, updateRule } from './config-api.ts';
import { useDevice } from './devices-api.ts';
import { keyName } from './iot-tags.tsx';
import type { Profile, Rule, RuleInput, RuleKind } from './iot-types.ts';
import { ruleKinds } from './iot-types.ts';

const compare = ['>', '<', '>=', '<='] as const;
const compareOrEqual = ['=', ...compare] as const;

/** A threshold row as the form holds it: a number, or a device attribute to compare with. */
type Limit = { key?: string; op?: string; value?: number; valueAttr?: string };
type Values = {
  profileCode: string;
  name: string;
  kind: RuleKind;
  severity: Rule['severity'];
  caseCategory?: string;
  enabled: boolean;
  params: Limit & {
    hysteresis?: number;
    minutes?: number;
    delta?: number;
    all?: Limit[];
    plateKey?: string;
    axlesKey?: string;
    weightKey?: string;
    tolerancePercent?: number;
  };
};

/** `{ attr }` values become the form's `valueAttr`, so a select can offer the profile's attributes. */
function toForm(limit: Record<string, unknown>): Limit {
  const { value, ...rest } = limit;
  return value && typeof value === 'object' && 'attr' in value
    ? { ...rest, valueAttr: String((value as { attr: unknown }).attr) }
    : { ...rest, value: value as number };
}

function fromForm({ valueAttr, value, ...rest }: Limit) {
  return { ...rest, value: valueAttr ? { attr: valueAttr } : value };
}

/** The params the server takes for `kind`, from the form's fields. */
function paramsOf(kind: RuleKind, p: Values['params']): Record<string, unknown> {
  switch (kind) {
    case 'threshold':
      return {
        ...fromForm({ key: p.key, op: p.op, value: p.value, valueAttr: p.valueAttr }),
        ...(p.hysteresis ? { hysteresis: p.hysteresis } : {}),
      };
    case 'duration':
      return {
        ...fromForm({ key: p.key, op: p.op, value: p.value, valueAttr: p.valueAttr }),
        minutes: p.minutes,
      };
    case 'rate':
      return { key: p.key, delta: p.delta, minutes: p.minutes };
    case 'nodata':
      return p.minutes ? { minutes: p.minutes } : {};
    case 'combination':
      return { all: (p.all ?? []).map(fromForm) };
    case 'overweight':
      return {
        plateKey: p.plateKey,
        axlesKey: p.axlesKey,
        weightKey: p.weightKey,
        tolerancePercent: p.tolerancePercent ?? 0,
      };
  }
}

/** The event categories, to pick the case an alarm of the rule opens (the same query as the events pages). */
function useCaseCategories() {
  return useQuery({
    queryKey: ['events', 'categories'],
    queryFn: async () => (await api.get<{ items: Category[] }>('/api/events/categories')).items,
    staleTime: 5 * 60_000,
  });
}

/**
 * 新建/编辑告警规则: the rule's profile, name, kind and the kind's params (keys offered from the profile, a threshold
 * either a number or one of the device's attributes), severity, and the case category an alarm opens a case in.
 */
export function RuleFormModal({
  rule,
  profiles,
  defaultProfile,
  onClose,
}: {
  rule?: Rule;
  profiles: Profile[];
  defaultProfile?: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('iot');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useCaseCategories();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // A rule of one device reads its keys from the device's profile.
  const device = useDevice(rule?.deviceCode ?? '', !!rule?.deviceCode);
  const profileCode =
    Form.useWatch('profileCode', form) ?? rule?.profileCode ?? device.data?.profileCode ?? defaultProfile;
  const kind: RuleKind = Form.useWatch('kind', form) ?? rule?.kind ?? 'threshold';
  const profile = profiles.find((p) => p.code === profileCode);
  const keyOptions = (types: string[]) =>
    (profile?.keys ?? [])
      .filter((k) => types.includes(k.type))
      .map((k) => ({ value: k.key, label: k.unit ? `${keyName(k)} (${k.unit})` : keyName(k) }));
  const numericKeys = keyOptions(['number', 'integer', 'boolean']);
  const attrOptions = (profile?.attributes ?? [])
    .filter((a) => a.type === 'number')
    .map((a) => ({ value: a.key, label: keyName(a) }));

  const initial: Partial<Values> = rule
    ? {
        profileCode: rule.profileCode ?? undefined,
        name: rule.name,
        kind: rule.kind,
        severity: rule.severity,
        caseCategory: rule.caseCategory ?? undefined,
        enabled: rule.enabled,
        params: {
          ...toForm(rule.params),
          all: Array.isArray(rule.params.all)
            ? (rule.params.all as Record<string, unknown>[]).map(toForm)
            : undefined,
        } as Values['params'],
      }
    : {
        profileCode: defaultProfile,
        kind: 'threshold',
        severity: 'major',
        enabled: true,
        params: { all: [{}] },
      };

  const submit = async (v: Values) => {
    setBusy(true);
    const change = {
      name: v.name.trim(),
      params: paramsOf(v.kind, v.params ?? {}),
      severity: v.severity,
      caseCategory: v.caseCategory || null,
      enabled: v.enabled,
    };
    const input: RuleInput = { ...change, profileCode: v.profileCode, kind: v.kind };
    try {
      if (rule) await updateRule(rule.id, change);
      else await createRule(input);
      await queryClient.invalidateQueries({ queryKey: rulesKey });
      message.success(t('rules.saved', { name: input.name }));
      onClose();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  const limit = (prefix: (string | number)[], ops: readonly string[], optionalValue = false) => (
    <Space align="start" wrap>
      <Form.Item name={[...prefix, 'key']} label={t('rules.params.key')} rules={[{ required: true }]}>
        <Select options={numericKeys} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name={[...prefix, 'op']} label={t('rules.params.op')} rules={[{ required: true }]}>
        <Select options={ops.map((o) => ({ value: o, label: o }))} style={{ width: 80 }} />
      </Form.Item>
      <Form.Item
        name={[...prefix, 'value']}
        label={t('rules.params.value')}
        dependencies={[[...prefix, 'valueAttr']]}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              optionalValue ||
              (value !== undefined && value !== null) ||
              getFieldValue([...prefix, 'valueAttr'])
                ? Promise.resolve()
                : Promise.reject(new Error(t('rules.params.valueRequired'))),
          }),
        ]}
      >
        <InputNumber style={{ width: 120 }} />
      </Form.Item>
      {attrOptions.length > 0 && (
        <Form.Item name={[...prefix, 'valueAttr']} label={t('rules.params.orAttr')}>
          <Select allowClear options={attrOptions} style={{ width: 160 }} />
        </Form.Item>
      )}
    </Space>
  );

  return (
    <Modal
      open
      title={rule ? t('rules.editTitle', { name: rule.name }) : t('rules.create')}
      okText={t('common:common.save')}
      okButtonProps={{ 'data-testid': 'rule-form-ok' }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="rule-form">
        <Space align="start" wrap>
          <Form.Item
            name="profileCode"
            label={t('devices.fields.profile')}
            rules={[{ required: !rule }]}
            extra={rule?.deviceCode ? t('rules.forDevice', { code: rule.deviceCode }) : undefined}
          >
            <Select
              disabled={!!rule}
              style={{ width: 200 }}
              options={profiles.map((p) => ({ value: p.code, label: profileName(p, i18n.language) }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('rules.fields.name')}
            rules={[{ required: true, whitespace: true }, { max: 60 }]}
          >
            <Input style={{ width: 260 }} data-testid="rule-name" />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item name="kind" label={t('rules.fields.kind')} rules={[{ required: true }]}>
            <Select
              disabled={!!rule}
              style={{ width: 200 }}
              data-testid="rule-kind"
              options={ruleKinds.map((k) => ({ value: k, label: t(`rules.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="severity" label={t('alarms.fields.severity')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={severities.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('rules.fields.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t(`rules.kindHints.${kind}`)}</Typography.Paragraph>
        {(kind === 'threshold' || kind === 'duration') && limit(['params'], compare)}
        {kind === 'threshold' && (
          <Form.Item
            name={['params', 'hysteresis']}
            label={t('rules.params.hysteresis')}
            tooltip={t('rules.params.hysteresisHint')}
          >
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        {kind === 'rate' && (
          <Space align="start" wrap>
            <Form.Item name={['params', 'key']} label={t('rules.params.key')} rules={[{ required: true }]}>
              <Select options={numericKeys} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item
              name={['params', 'delta']}
              label={t('rules.params.delta')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} style={{ width: 140 }} />
            </Form.Item>
          </Space>
        )}
        {(kind === 'duration' || kind === 'rate' || kind === 'nodata') && (
          <Form.Item
            name={['params', 'minutes']}
            label={t('rules.params.minutes')}
            tooltip={
              kind === 'nodata'
                ? t('rules.params.nodataHint', { minutes: profile?.offlineMinutes ?? '' })
                : undefined
            }
            rules={kind === 'nodata' ? [] : [{ required: true }]}
          >
            <InputNumber min={1} max={10_080} style={{ width: 160 }} />
          </Form.Item>
        )}
        {kind === 'combination' && (
          <Form.List name={['params', 'all']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="center">
                    {limit([field.name], compareOrEqual)}
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  style={{ marginBottom: 16 }}
                >
                  {t('rules.params.addCondition')}
                </Button>
              </>
            )}
          </Form.List>
        )}
        {kind === 'overweight' && (
          <Space align="start" wrap>
            <Form.Item
              name={['params', 'plateKey']}
              label={t('rules.params.plateKey')}
              rules={[{ required: true }]}
            >
              <Select options={keyOptions(['string'])} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name={['params', 'axlesKey']}
              label={t('rules.params.axlesKey')}
              rules={[{ required: true }]}
            >
              <Select options={numericKeys} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name={['params', 'weightKey']}
              label={t('rules.params.weightKey')}
              rules={[{ required: true }]}
            >
              <Select options={numericKeys} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name={['params', 'tolerancePercent']}
              label={t('rules.params.tolerance')}
              initialValue={0}
            >
              <InputNumber min={0} max={50} style={{ width: 120 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="caseCategory" label={t('rules.fields.caseCategory')} tooltip={t('rules.caseHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={categories.isPending}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
