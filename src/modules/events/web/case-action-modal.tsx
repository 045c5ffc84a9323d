import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { useAllDepartments } from '../../org/web/index.ts';
import {
  type ActionInput,
  actOnCase,
  type CaseAction,
  type CaseDetail,
  casesKey,
  satisfactionList,
  useCategories,
} from './cases-api.ts';

type Values = Partial<ActionInput> & { decision?: 'approve' | 'refuse' };

const extensionLimits = ['4h', '24h', '1wd', '2wd', '3wd', '5wd'] as const;
/** Actions that need a reason (the server refuses them without one). */
const reasonRequired: CaseAction[] = ['transfer', 'return', 'suspend', 'reopen', 'request_extension'];
/** Actions whose only optional field is a note. */
const noteOnly: CaseAction[] = ['accept', 'start', 'resume'];

/**
 * The form of one action on a case: only the fields that action needs (dispatch: category and departments; transfer:
 * department and reason; reply: the reply; review and extensions: a decision; callback: the satisfaction …). The
 * server's answer replaces the case on the page; its refusals show on the fields, in the user's language.
 */
export function CaseActionModal({
  c,
  action,
  onClose,
}: {
  c: CaseDetail;
  action: CaseAction;
  onClose: () => void;
}) {
  const { t } = useTranslation('events');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const categories = useCategories();
  const departments = useAllDepartments();
  const decision = Form.useWatch('decision', form);
  const needsDepartments = action === 'dispatch' || action === 'transfer';
  const departmentOptions = (departments.data ?? [])
    .filter((d) => d.active && d.kind !== 'center')
    .map((d) => ({ value: d.id, label: d.name }));

  const submit = async (v: Values) => {
    setSaving(true);
    const { decision: chosen, ...fields } = v;
    const input: Partial<ActionInput> & { action: CaseAction } = { action, ...fields };
    if (chosen) input.approve = chosen === 'approve';
    for (const key of ['reason', 'note', 'reply', 'intoNumber'] as const) {
      const value = input[key]?.trim();
      if (value) input[key] = value;
      else delete input[key];
    }
    try {
      const updated = await actOnCase(c.number, input);
      queryClient.setQueryData([...casesKey, 'one', c.number], updated);
      await queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] });
      message.success(t('case.done', { action: t(`caseLabels.action.${action}`) }));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'case_changed') {
        message.warning(t('case.conflict'));
        await queryClient.invalidateQueries({ queryKey: casesKey });
        onClose();
      } else showFormError(form, error, message.error, { same_department: 'departmentId' });
    } finally {
      setSaving(false);
    }
  };

  const reason = (required: boolean, label = t('caseActions.reason')) => (
    <Form.Item
      name="reason"
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: t('caseActions.reasonRequired') }] : []}
    >
      <Input.TextArea rows={3} maxLength={1000} showCount data-testid="action-reason" />
    </Form.Item>
  );
  const note = (
    <Form.Item name="note" label={t('caseActions.note')}>
      <Input.TextArea rows={2} maxLength={1000} data-testid="action-note" />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={`${t(`caseLabels.action.${action}`)} · ${c.number}`}
      okText={t(`caseLabels.action.${action}`)}
      okButtonProps={{ 'data-testid': 'action-confirm', danger: action === 'return' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        initialValues={{
          categoryCode: c.categoryCode ?? undefined,
          ...(action === 'review' && { decision: 'approve' }),
          ...(action === 'decide_extension' && { decision: 'approve' }),
        }}
      >
        {action === 'accept' && (
          <Alert type="info" showIcon title={t('caseActions.acceptHint')} style={{ marginBottom: 16 }} />
        )}
        {action === 'dispatch' && (
          <Form.Item
            name="categoryCode"
            label={t('caseActions.category')}
            rules={[{ required: true, message: t('caseActions.categoryRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={categories.isPending}
              data-testid="action-category"
              options={(categories.data ?? [])
                .filter((x) => x.active)
                .map((x) => ({
                  value: x.code,
                  label: `${x.name}（${x.departmentName ?? '—'} · ${x.timeLimit}）`,
                }))}
            />
          </Form.Item>
        )}
        {needsDepartments && (
          <Form.Item
            name="departmentId"
            label={t('caseActions.department')}
            rules={
              action === 'transfer' ? [{ required: true, message: t('caseActions.departmentRequired') }] : []
            }
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={action === 'dispatch' ? t('caseActions.departmentByRule') : undefined}
              loading={departments.isPending}
              data-testid="action-department"
              options={departmentOptions.filter((d) => action !== 'transfer' || d.value !== c.departmentId)}
            />
          </Form.Item>
        )}
        {action === 'dispatch' && (
          <Form.Item name="assistDepartmentIds" label={t('caseActions.assists')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} />
          </Form.Item>
        )}
        {action === 'reply' && (
          <Form.Item
            name="reply"
            label={t('caseActions.reply')}
            rules={[{ required: true, whitespace: true, message: t('caseActions.replyRequired') }]}
          >
            <Input.TextArea
              rows={5}
              maxLength={4000}
              showCount
              placeholder={t('caseActions.replyPlaceholder')}
              data-testid="action-reply"
            />
          </Form.Item>
        )}
        {(action === 'review' || action === 'decide_extension') && (
          <>
            {action === 'decide_extension' && c.extensionRequest && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('caseActions.extensionAsked', c.extensionRequest)}
              />
            )}
            <Form.Item name="decision" label={t('caseActions.decision')} rules={[{ required: true }]}>
              <Radio.Group
                data-testid="action-decision"
                options={[
                  {
                    value: 'approve',
                    label: t(action === 'review' ? 'caseActions.approve' : 'caseActions.extensionApprove'),
                  },
                  {
                    value: 'refuse',
                    label: t(action === 'review' ? 'caseActions.sendBack' : 'caseActions.extensionRefuse'),
                  },
                ]}
              />
            </Form.Item>
            {decision === 'refuse' ? reason(true) : note}
          </>
        )}
        {action === 'callback' && (
          <>
            <Form.Item
              name="satisfaction"
              label={t('caseActions.satisfaction')}
              rules={[{ required: true, message: t('caseActions.satisfactionRequired') }]}
              extra={t('caseActions.unsatisfiedHint')}
            >
              <Radio.Group
                data-testid="action-satisfaction"
                options={satisfactionList.map((s) => ({
                  value: s,
                  label: t(`caseLabels.satisfaction.${s}`),
                }))}
              />
            </Form.Item>
            {note}
          </>
        )}
        {action === 'request_extension' && (
          <Form.Item
            name="limit"
            label={t('caseActions.limit')}
            rules={[{ required: true, message: t('caseActions.limitRequired') }]}
          >
            <Select
              data-testid="action-limit"
              options={extensionLimits.map((l) => ({ value: l, label: t(`caseActions.limitOptions.${l}`) }))}
            />
          </Form.Item>
        )}
        {action === 'merge' && (
          <Form.Item
            name="intoNumber"
            label={t('caseActions.intoNumber')}
            rules={[{ required: true, whitespace: true, message: t('caseActions.intoNumberRequired') }]}
          >
            <Input maxLength={40} data-testid="action-into" />
          </Form.Item>
        )}
        {action === 'supervise' && reason(true, t('caseActions.superviseNote'))}
        {action === 'close' && c.status !== 'reviewed' && (
          <Alert type="warning" showIcon title={t('caseActions.closeHint')} style={{ marginBottom: 16 }} />
        )}
        {reasonRequired.includes(action) && reason(true)}
        {action === 'close' && reason(c.status !== 'reviewed')}
        {action === 'merge' && reason(false)}
        {(noteOnly.includes(action) || action === 'dispatch') && note}
      </Form>
    </Modal>
  );
}
