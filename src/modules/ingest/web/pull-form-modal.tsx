import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import type { PullSourceInput } from '../contract.ts';
import { createPull, ingestKey, type PullSource, updatePull, useResourceNames } from './ingest-api.ts';
import { ResourceSelect } from './resource-select.tsx';

type Header = { name?: string; value?: string };
type Values = {
  resource?: string;
  name: string;
  url: string;
  recordsPath?: string;
  intervalMinutes: number;
  enabled: boolean;
  replaceHeaders: boolean;
  headers: Header[];
};

/** The header list as the API takes it; rows left wholly empty are dropped. */
const toHeaders = (rows: Header[]) =>
  Object.fromEntries(rows.filter((h) => h.name?.trim()).map((h) => [h.name!.trim(), h.value ?? '']));

/**
 * Adds a scheduled pull, or changes one when `source` is given. Request headers often carry credentials, so the
 * server never shows their values again: editing lists their names and replaces them only when asked to.
 */
export function PullFormModal({ source, onClose }: { source?: PullSource; onClose: () => void }) {
  const { t } = useTranslation('ingest');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const replaceHeaders = Form.useWatch('replaceHeaders', form) ?? !source;
  const resourceName = useResourceNames(source ? [source.resourceCode] : []);

  const save = async (values: Values) => {
    const common = {
      name: values.name.trim(),
      url: values.url.trim(),
      recordsPath: values.recordsPath?.trim() || null,
      intervalMinutes: values.intervalMinutes,
      enabled: values.enabled,
      ...((!source || values.replaceHeaders) && { headers: toHeaders(values.headers ?? []) }),
    };
    setSaving(true);
    try {
      const saved = source
        ? await updatePull(source.id, common)
        : await createPull({ ...common, resource: values.resource! } satisfies PullSourceInput);
      message.success(t(source ? 'pulls.updated' : 'pulls.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: [...ingestKey, 'pulls'] });
      onClose();
    } catch (error) {
      showFormError(form, error, message.error, { unknown_resource: 'resource' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={source ? t('pulls.editTitle', { name: source.name }) : t('pulls.createTitle')}
      okText={t('common:common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving}
        data-testid="pull-form"
        initialValues={
          source
            ? {
                name: source.name,
                url: source.url,
                recordsPath: source.recordsPath ?? undefined,
                intervalMinutes: source.intervalMinutes,
                enabled: source.enabled,
                replaceHeaders: false,
                headers: [],
              }
            : { intervalMinutes: 60, enabled: true, replaceHeaders: true, headers: [] }
        }
      >
        {source ? (
          <Form.Item label={t('pulls.fields.resource')}>
            <Typography.Text>
              {resourceName.get(source.resourceCode) ?? source.resourceCode}{' '}
              <Typography.Text type="secondary">{source.resourceCode}</Typography.Text>
            </Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="resource"
            label={t('pulls.fields.resource')}
            rules={[{ required: true, message: t('pulls.rules.resourceRequired') }]}
          >
            <ResourceSelect style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('pulls.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('pulls.rules.nameRequired') }]}
        >
          <Input maxLength={60} showCount />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('pulls.fields.url')}
          extra={t('pulls.hints.url')}
          rules={[
            { required: true, message: t('pulls.rules.urlRequired') },
            { pattern: /^https?:\/\/\S+$/i, message: t('pulls.rules.urlFormat') },
          ]}
        >
          <Input placeholder="https://" />
        </Form.Item>
        <Form.Item
          name="recordsPath"
          label={t('pulls.fields.recordsPath')}
          extra={t('pulls.hints.recordsPath')}
          rules={[
            { pattern: /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, message: t('pulls.rules.recordsPathFormat') },
          ]}
        >
          <Input placeholder="data.items" />
        </Form.Item>
        <Flex gap={24}>
          <Form.Item
            name="intervalMinutes"
            label={t('pulls.fields.intervalMinutes')}
            rules={[{ required: true, message: t('pulls.rules.intervalRequired') }]}
          >
            <InputNumber
              min={1}
              max={7 * 24 * 60}
              precision={0}
              suffix={t('pulls.minutes')}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('pulls.fields.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item label={t('pulls.fields.headers')} extra={t('pulls.hints.headers')}>
          <Flex vertical gap={8}>
            {source && (
              <Flex align="center" gap={12} wrap>
                <Space size={4} wrap data-testid="pull-header-names">
                  {source.headerNames.length ? (
                    source.headerNames.map((name) => <Tag key={name}>{name}</Tag>)
                  ) : (
                    <Typography.Text type="secondary">{t('pulls.noHeaders')}</Typography.Text>
                  )}
                </Space>
                <Form.Item name="replaceHeaders" valuePropName="checked" noStyle>
                  <Switch
                    checkedChildren={t('pulls.replaceHeaders')}
                    unCheckedChildren={t('pulls.keepHeaders')}
                  />
                </Form.Item>
              </Flex>
            )}
            {replaceHeaders && (
              <Form.List name="headers">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={8}>
                    {fields.map((field, i) => (
                      <Flex key={field.key} gap={8} align="flex-start">
                        <Form.Item
                          name={[field.name, 'name']}
                          style={{ flex: 2, marginBottom: 0 }}
                          rules={[{ required: true, whitespace: true, message: t('pulls.rules.headerName') }]}
                        >
                          <Input
                            placeholder={t('pulls.headerName')}
                            aria-label={t('pulls.headerNameN', { n: i + 1 })}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'value']} style={{ flex: 3, marginBottom: 0 }}>
                          <Input.Password
                            placeholder={t('pulls.headerValue')}
                            aria-label={t('pulls.headerValueN', { n: i + 1 })}
                            autoComplete="new-password"
                          />
                        </Form.Item>
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label={t('pulls.removeHeader')}
                          onClick={() => remove(field.name)}
                        />
                      </Flex>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({})}
                      style={{ width: '100%' }}
                      data-testid="pull-header-add"
                    >
                      {t('pulls.addHeader')}
                    </Button>
                  </Flex>
                )}
              </Form.List>
            )}
          </Flex>
        </Form.Item>
      </Form>
    </Modal>
  );
}
