import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { useShowOnce } from '../../../../web/kit/show-once.tsx';
import { devicesKey, markFault, retireDevice, rotateToken } from './devices-api.ts';
import type { DeviceDetail } from './iot-types.ts';

/**
 * What a manager does with a device: a new token (shown once; the old one stops working), marking it faulty or
 * back in service, and retiring it for good (with a reason, after confirming).
 */
export function DeviceActions({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation('iot');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showOnce = useShowOnce();
  const [asking, setAsking] = useState<'fault' | 'retire' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) message.success(done);
      setAsking(null);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: devicesKey });
    }
  };

  const rotate = () =>
    run(async () => {
      const { token } = await rotateToken(device.code);
      showOnce(t('device.tokenRotated', { code: device.code }), t('register.tokenLabel'), token);
    });

  const submit = ({ reason }: { reason: string }) =>
    asking === 'retire'
      ? run(() => retireDevice(device.code, reason.trim()), t('device.retired'))
      : run(() => markFault(device.code, true, reason?.trim() || undefined), t('device.faultMarked'));

  if (device.status === 'retired') return null;
  return (
    <>
      <Popconfirm title={t('device.rotateConfirm')} onConfirm={rotate}>
        <Button loading={busy && !asking} data-testid="device-rotate">
          {t('device.rotate')}
        </Button>
      </Popconfirm>
      {device.status === 'fault' ? (
        <Popconfirm
          title={t('device.restoreConfirm')}
          onConfirm={() => run(() => markFault(device.code, false), t('device.restored'))}
        >
          <Button data-testid="device-restore">{t('device.restore')}</Button>
        </Popconfirm>
      ) : (
        <Button onClick={() => setAsking('fault')} data-testid="device-fault">
          {t('device.fault')}
        </Button>
      )}
      <Button danger onClick={() => setAsking('retire')} data-testid="device-retire">
        {t('device.retire')}
      </Button>
      <Modal
        open={!!asking}
        title={asking === 'retire' ? t('device.retireTitle', { code: device.code }) : t('device.faultTitle')}
        okText={asking === 'retire' ? t('device.retire') : t('device.fault')}
        okButtonProps={{ danger: asking === 'retire', 'data-testid': 'device-action-ok' }}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        {asking === 'retire' && <p>{t('device.retireWarning')}</p>}
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="reason"
            label={t('device.reason')}
            rules={
              asking === 'retire'
                ? [{ required: true, whitespace: true, message: t('device.reasonRequired') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="device-action-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
