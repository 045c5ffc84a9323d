import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { type ApplicationDetail, decideApplication, sharingKey } from './sharing-api.ts';

/** approve: as asked so far; fewer: choose the items to keep; reject: with a reason. */
export type DecideAction = 'approve' | 'fewer' | 'reject';

type Values = { items?: string[]; rawItems?: string[]; reason?: string; onBehalf?: boolean };

/** The items the previous stage left: the provider's approval at the center stage, else what was asked. */
export function itemsSoFar(a: ApplicationDetail) {
  const provider = a.decisions.filter((d) => d.stage === 'provider' && d.decision === 'approved').at(-1);
  return a.status === 'pending_center' && provider?.items ? provider.items : a.items;
}

/** Confirms a decision on an application; approving fewer items and rejecting say what and why. */
export function DecideModal({
  application,
  action,
  onClose,
}: {
  application: ApplicationDetail;
  action: DecideAction;
  onClose: () => void;
}) {
  const { t } = useTranslation('sharing');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const previous = itemsSoFar(application);
  const kept = Form.useWatch('items', form) ?? previous;
  const name = (code: string) => application.resourceItems.find((i) => i.code === code)?.name ?? code;
  const final = application.status === 'pending_center';
  // An administrator deciding for the providing department confirms it; the server refuses it unsaid.
  const onBehalfOf = application.can.onBehalfOf;
  const behalf = onBehalfOf === null ? {} : { onBehalfOf };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const updated = await decideApplication(
        application.id,
        action === 'reject'
          ? { decision: 'reject', reason: v.reason!.trim(), ...behalf }
          : {
              decision: 'approve',
              ...behalf,
              ...(action === 'fewer' && {
                items: v.items,
                rawItems: (v.rawItems ?? []).filter((code) => v.items!.includes(code)),
              }),
              ...(v.reason?.trim() && { reason: v.reason.trim() }),
            },
      );
      queryClient.setQueryData([...sharingKey, 'application', application.id], updated);
      await queryClient.invalidateQueries({ queryKey: sharingKey });
      message.success(t('decide.done'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        message.warning(t('detail.conflict'));
        await queryClient.invalidateQueries({ queryKey: sharingKey });
        onClose();
      } else showFormError(form, error, message.error);
    } finally {
      setSaving(false);
    }
  };

  const titles = {
    approve: 'decide.approveTitle',
    fewer: 'decide.approveFewerTitle',
    reject: 'decide.rejectTitle',
  };
  return (
    <Modal
      open
      title={t(titles[action])}
      okText={t(action === 'reject' ? 'decide.confirmReject' : 'decide.confirmApprove')}
      okButtonProps={{ danger: action === 'reject', 'data-testid': 'decide-confirm' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {action !== 'reject' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(final ? 'decide.approveFinalHint' : 'decide.approveHint')}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        initialValues={{ items: previous, rawItems: application.rawItems }}
      >
        {action === 'fewer' && (
          <>
            <Form.Item
              name="items"
              label={t('decide.itemsLabel')}
              rules={[{ required: true, type: 'array', min: 1, message: t('decide.itemsRequired') }]}
            >
              <Checkbox.Group options={previous.map((code) => ({ value: code, label: name(code) }))} />
            </Form.Item>
            {application.rawItems.length > 0 && (
              <Form.Item name="rawItems" label={t('decide.rawLabel')}>
                <Checkbox.Group
                  options={application.rawItems.map((code) => ({
                    value: code,
                    label: name(code),
                    disabled: !kept.includes(code),
                  }))}
                />
              </Form.Item>
            )}
          </>
        )}
        {onBehalfOf !== null && (
          <Form.Item
            name="onBehalf"
            valuePropName="checked"
            rules={[
              {
                validator: (_, checked) =>
                  checked ? Promise.resolve() : Promise.reject(new Error(t('decide.onBehalfOfRequired'))),
              },
            ]}
          >
            <Checkbox data-testid="decide-on-behalf">
              {t('decide.onBehalfOf', { department: application.providerDepartmentName })}
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t(action === 'reject' ? 'decide.rejectReasonLabel' : 'decide.reasonLabel')}
          rules={
            action === 'reject'
              ? [{ required: true, whitespace: true, message: t('decide.reasonRequired') }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="decide-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
