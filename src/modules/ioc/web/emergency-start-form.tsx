import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import type { IncidentView, ScreenMode } from '../contract.ts';
import { incidentsKey, modeKey, startIncident } from './emergency-api.ts';

type Values = {
  title: string;
  description?: string;
  lng: number;
  lat: number;
  radiusM: number;
  caseNumbers?: string[];
  alarmIds?: string[];
};

const DEFAULT_RADIUS_M = 1000;

/**
 * 切换战时: the form that starts an incident. The place comes from the point clicked on the screen's map (`pick`) or
 * is typed; after a confirmation the screen switches, and what the server refuses is shown on its field.
 */
export function EmergencyStartForm(props: {
  pick: { lng: number; lat: number } | null;
  onClose: () => void;
  onStarted?: (mode: ScreenMode) => void;
}) {
  const { t } = useTranslation('ioc', { keyPrefix: 'emergency.control' });
  const { message } = App.useApp();
  // The confirmation renders here, so it takes the screen's (dark) theme as the form does.
  const [modal, confirmHolder] = Modal.useModal();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { pick } = props;

  // A point picked on the map while the form is open is taken at once; typing stays possible.
  useEffect(() => {
    if (pick) form.setFieldsValue({ lng: round6(pick.lng), lat: round6(pick.lat) });
  }, [pick, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const view: IncidentView = await startIncident({
        title: v.title.trim(),
        description: v.description?.trim() || undefined,
        lng: v.lng,
        lat: v.lat,
        radiusM: v.radiusM,
        caseNumbers: (v.caseNumbers ?? []).map((n) => n.trim()).filter(Boolean),
        alarmIds: (v.alarmIds ?? []).map(Number),
      });
      const mode: ScreenMode = { mode: 'emergency', view };
      queryClient.setQueryData(modeKey, mode);
      await queryClient.invalidateQueries({ queryKey: incidentsKey });
      message.success(t('started'));
      props.onStarted?.(mode);
      props.onClose();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  /** Checks the form, then asks once more before every screen switches. */
  const confirm = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    modal.confirm({
      title: t('confirmStart'),
      content: t('confirmStartBody', { title: v.title.trim() }),
      okText: t('ok'),
      cancelText: t('cancel'),
      okButtonProps: { danger: true, 'data-testid': 'emergency-confirm-ok' },
      onOk: () => submit(v),
    });
  };

  return (
    <Modal
      open
      title={t('startTitle')}
      okText={t('next')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'emergency-form-next' }}
      confirmLoading={busy}
      onOk={confirm}
      onCancel={props.onClose}
      width={640}
      destroyOnHidden
    >
      {confirmHolder}
      <Form
        form={form}
        layout="vertical"
        data-testid="emergency-form"
        initialValues={{
          radiusM: DEFAULT_RADIUS_M,
          ...(pick && { lng: round6(pick.lng), lat: round6(pick.lat) }),
        }}
      >
        <Form.Item
          name="title"
          label={t('title')}
          rules={[{ required: true, whitespace: true }, { max: 100 }]}
        >
          <Input placeholder={t('titlePlaceholder')} data-testid="emergency-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="emergency-form-description" />
        </Form.Item>
        {/* The server names a place outside the district on `lng`: its error shows under this row. */}
        <Form.Item
          label={t('point')}
          required
          extra={pick ? t('pickHint') : `${t('pickHint')}（${t('noPick')}）`}
        >
          <Space.Compact block>
            <Form.Item name="lng" noStyle rules={[{ required: true, message: t('lng') }]}>
              <InputNumber
                min={-180}
                max={180}
                step={0.0001}
                placeholder={t('lng')}
                style={{ width: '40%' }}
                data-testid="emergency-form-lng"
              />
            </Form.Item>
            <Form.Item name="lat" noStyle rules={[{ required: true, message: t('lat') }]}>
              <InputNumber
                min={-90}
                max={90}
                step={0.0001}
                placeholder={t('lat')}
                style={{ width: '40%' }}
                data-testid="emergency-form-lat"
              />
            </Form.Item>
            <Button
              disabled={!pick}
              onClick={() => pick && form.setFieldsValue({ lng: round6(pick.lng), lat: round6(pick.lat) })}
              style={{ width: '20%' }}
            >
              {t('usePick')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="radiusM" label={t('radius')} rules={[{ required: true }]}>
          <InputNumber
            min={100}
            max={20_000}
            step={100}
            style={{ width: 200 }}
            data-testid="emergency-form-radius"
          />
        </Form.Item>
        <Form.Item name="caseNumbers" label={t('caseNumbers')} extra={t('caseNumbersHint')}>
          <Select
            mode="tags"
            open={false}
            tokenSeparators={[',', '，', ' ']}
            suffixIcon={null}
            data-testid="emergency-form-cases"
          />
        </Form.Item>
        <Form.Item
          name="alarmIds"
          label={t('alarmIds')}
          extra={t('alarmIdsHint')}
          rules={[
            {
              validator: (_, value?: string[]) =>
                (value ?? []).every((v) => /^\d{1,9}$/.test(String(v).trim()))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('notANumber'))),
            },
          ]}
        >
          <Select
            mode="tags"
            open={false}
            tokenSeparators={[',', '，', ' ']}
            suffixIcon={null}
            data-testid="emergency-form-alarms"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
