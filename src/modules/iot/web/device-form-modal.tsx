import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { useShowOnce } from '../../../../web/kit/show-once.tsx';
import { isCenterStaff } from '../../../core/policy.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import { profileName, useProfiles } from './config-api.ts';
import { devicePath, devicesKey, registerDevice } from './devices-api.ts';
import { keyName } from './iot-tags.tsx';

type Values = {
  profileCode: string;
  code: string;
  name: string;
  lng: number;
  lat: number;
  departmentId?: number;
  componentCode?: string;
  installedOn?: Dayjs;
  attributes?: Record<string, string | number | null>;
};

/**
 * 登记设备: the form that registers one device. The center picks the owning department; a department registers
 * for itself. The new device's access token is shown once, with a copy button, and then the device's page opens.
 */
export function DeviceFormModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation('iot');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const showOnce = useShowOnce();
  const me = useSignedInUser();
  const center = isCenterStaff(me);
  const profiles = useProfiles();
  const departments = useAllDepartments();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const profileCode = Form.useWatch('profileCode', form);
  const profile = profiles.data?.find((p) => p.code === profileCode);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const attributes = Object.fromEntries(
        Object.entries(v.attributes ?? {}).filter(
          ([, value]) => value !== undefined && value !== null && value !== '',
        ),
      );
      const made = await registerDevice({
        code: v.code.trim(),
        profileCode: v.profileCode,
        name: v.name.trim(),
        lng: v.lng,
        lat: v.lat,
        departmentId: center ? v.departmentId : undefined,
        componentCode: v.componentCode?.trim() || undefined,
        installedOn: v.installedOn?.format('YYYY-MM-DD'),
        attributes: Object.keys(attributes).length ? attributes : undefined,
      });
      await queryClient.invalidateQueries({ queryKey: devicesKey });
      onClose();
      showOnce(t('register.done', { code: made.device.code }), t('register.tokenLabel'), made.token);
      navigate(devicePath(made.device.code));
    } catch (error) {
      showFormError(form, error, (text) => message.error(text), {
        duplicate_code: 'code',
        device_exists: 'code',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('register.title')}
      okText={t('register.ok')}
      okButtonProps={{ 'data-testid': 'device-form-ok' }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="device-form">
        <Form.Item name="profileCode" label={t('devices.fields.profile')} rules={[{ required: true }]}>
          <Select
            loading={profiles.isPending}
            data-testid="device-form-profile"
            options={(profiles.data ?? []).map((p) => ({
              value: p.code,
              label: profileName(p, i18n.language),
            }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="code"
            label={t('devices.fields.code')}
            rules={[{ required: true, whitespace: true }, { max: 64 }]}
            style={{ flex: 1, marginRight: 8 }}
          >
            <Input placeholder="MH-0001" data-testid="device-form-code" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('devices.fields.name')}
            rules={[{ required: true, whitespace: true }, { max: 100 }]}
            style={{ flex: 2 }}
          >
            <Input data-testid="device-form-name" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item
            name="lng"
            label={t('devices.fields.lng')}
            rules={[{ required: true }]}
            style={{ flex: 1, marginRight: 8 }}
          >
            <InputNumber
              min={-180}
              max={180}
              step={0.0001}
              style={{ width: '100%' }}
              data-testid="device-form-lng"
            />
          </Form.Item>
          <Form.Item
            name="lat"
            label={t('devices.fields.lat')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber
              min={-90}
              max={90}
              step={0.0001}
              style={{ width: '100%' }}
              data-testid="device-form-lat"
            />
          </Form.Item>
        </Space.Compact>
        {center && (
          <Form.Item name="departmentId" label={t('devices.fields.department')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending}
              data-testid="device-form-department"
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        <Space.Compact block>
          <Form.Item
            name="componentCode"
            label={t('devices.fields.component')}
            tooltip={t('register.componentHint')}
            style={{ flex: 1, marginRight: 8 }}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="installedOn" label={t('devices.fields.installedOn')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        {profile?.attributes.map((a) => (
          <Form.Item
            key={a.key}
            name={['attributes', a.key]}
            label={a.unit ? `${keyName(a)} (${a.unit})` : keyName(a)}
          >
            {a.type === 'number' ? <InputNumber style={{ width: '100%' }} /> : <Input />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
