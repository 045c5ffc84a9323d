import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Spin,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { RawViewSwitch } from '../../../../web/kit/raw-view-switch.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { registryPolicy } from '../policy.ts';
import {
  answerObjection,
  closeObjection,
  commentObjection,
  entityPath,
  type ObjectionDetail,
  objectionsKey,
  useObjection,
} from './objection-api.ts';
import { ObjectionStatusTag } from './objection-status-tag.tsx';
import { useRawTexts } from './raw-texts.ts';

type Action = 'accept' | 'reject' | 'close';

/**
 * One objection: what was objected to and why, who answered, its timeline, and the steps the caller may take
 * (the server says which: accept or reject for the source department, close for the raising one, comment for both).
 */
export function ObjectionPage() {
  const { t } = useTranslation('registry');
  const id = Number(useParams().id);
  const me = useSignedInUser();
  // Masked by default; the reason given to see it raw lives in the page's state only (never in a link).
  const [rawReason, setRawReason] = useState<string | null>(null);
  const rawTexts = useRawTexts();
  const objection = useObjection(id, rawReason);
  const [action, setAction] = useState<Action | null>(null);

  if (objection.error) {
    if (objection.error instanceof ApiError && [403, 404].includes(objection.error.status))
      return (
        <Result status={objection.error.status === 403 ? '403' : '404'} subTitle={objection.error.detail} />
      );
    return <LoadError error={objection.error} onRetry={() => objection.refetch()} />;
  }
  if (!objection.data) return <Spin />;
  const o = objection.data;
  const accepted = o.events.some((e) => e.action === 'accepted');
  const none = t('objections.detail.noValue');
  // Only the parties that may see it raw are offered the switch; the server masks it for anyone else.
  const maySeeRaw = registryPolicy.mayAnswerObjection(me, o) && (o.masked || rawReason !== null);

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/registry">{t('title')}</Link> },
          { title: <Link to="/registry/objections">{t('objections.title')}</Link> },
          { title: `#${o.id}` },
        ]}
      />
      <PageHeader
        title={t('objections.detail.title', { id: o.id })}
        tags={<ObjectionStatusTag status={o.status} />}
        extra={
          <>
            {maySeeRaw && <RawViewSwitch reason={rawReason} onChange={setRawReason} texts={rawTexts} />}
            {o.can.answer && (
              <>
                <Button type="primary" onClick={() => setAction('accept')} data-testid="objection-accept">
                  {t('objections.detail.accept')}
                </Button>
                <Button danger onClick={() => setAction('reject')} data-testid="objection-reject">
                  {t('objections.detail.reject')}
                </Button>
              </>
            )}
            {o.can.close && (
              <Button onClick={() => setAction('close')} data-testid="objection-close">
                {t('objections.detail.close')}
              </Button>
            )}
          </>
        }
      />
      {accepted && (
        <Alert
          type="info"
          showIcon
          message={t('objections.detail.acceptedNote')}
          style={{ marginBottom: 16 }}
        />
      )}
      {o.masked && (
        <Alert type="warning" showIcon message={t('objections.detail.masked')} style={{ marginBottom: 16 }} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} data-testid="objection-fields">
          <Descriptions.Item label={t('objections.fields.entity')}>
            <Link to={entityPath(o.registry, o.ref)}>
              {t(`registries.${o.registry}`, { defaultValue: o.registry })} {o.key}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.fields.item')}>
            {o.itemName ? `${o.itemName} (${o.item})` : o.item}
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.fields.currentValue')}>
            {o.currentValue ?? none}
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.fields.proposedValue')}>
            {o.proposedValue ?? none}
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.fields.reason')} span={2}>
            {o.reason}
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.fields.source')}>
            {o.sourceName ?? o.source ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.fields.sourceDepartment')}>
            {o.sourceDepartmentName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.fields.raisedByDepartment')}>
            {o.raisedByResident ? t('objections.fields.raisedByResident') : (o.raisedByDepartmentName ?? '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.fields.raisedBy')}>
            {o.raisedBy} · {formatDateTime(o.createdAt)}
          </Descriptions.Item>
          {o.answer !== null && (
            <>
              <Descriptions.Item label={t('objections.fields.answer')} span={2}>
                {o.answer}
              </Descriptions.Item>
              <Descriptions.Item label={t('objections.fields.answeredBy')}>
                {o.answeredBy} · {formatDateTime(o.answeredAt)}
              </Descriptions.Item>
            </>
          )}
          {o.closedAt && (
            <Descriptions.Item label={t('objections.fields.closedBy')}>
              {o.closedBy} · {formatDateTime(o.closedAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('objections.detail.timeline')}>
        <Timeline
          data-testid="objection-timeline"
          items={o.events.map((e) => ({
            color: e.action === 'rejected' ? 'red' : e.action === 'accepted' ? 'green' : 'blue',
            children: (
              <>
                <div>
                  <strong>{t(`objections.actions.${e.action}`)}</strong> · {e.actor} · {formatDateTime(e.at)}
                </div>
                {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
              </>
            ),
          }))}
        />
        {o.can.comment && <CommentForm objection={o} />}
      </Card>
      {action && <ActionModal objection={o} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

/** Accept, reject (both need an answer) or close (an optional note), confirmed in a dialog. */
function ActionModal({
  objection,
  action,
  onClose,
}: {
  objection: ObjectionDetail;
  action: Action;
  onClose: () => void;
}) {
  const { t } = useTranslation('registry');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text?: string }>();
  const [saving, setSaving] = useState(false);
  const answering = action !== 'close';

  const submit = async ({ text }: { text?: string }) => {
    setSaving(true);
    try {
      const updated = answering
        ? await answerObjection(objection.id, action, text!.trim())
        : await closeObjection(objection.id, text?.trim() || undefined);
      queryClient.setQueryData([...objectionsKey, 'one', objection.id], updated);
      await queryClient.invalidateQueries({ queryKey: [...objectionsKey, 'list'] });
      message.success(t('objections.detail.done'));
      onClose();
    } catch (error) {
      showFormError(form, error, message.error);
      // Someone else moved it on meanwhile: show what it is now.
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: objectionsKey });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t(`objections.detail.${action}Title`)}
      okText={t(`objections.detail.${action}`)}
      okButtonProps={{ danger: action === 'reject', 'data-testid': 'objection-confirm' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {action === 'accept' && (
        <Alert
          type="info"
          showIcon
          message={t('objections.detail.acceptHint')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} disabled={saving}>
        <Form.Item
          name="text"
          label={t(answering ? 'objections.detail.answerLabel' : 'objections.detail.closeNote')}
          rules={
            answering
              ? [{ required: true, whitespace: true, message: t('objections.detail.answerRequired') }]
              : []
          }
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="objection-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A comment added to the timeline, by any party at any time. */
function CommentForm({ objection }: { objection: ObjectionDetail }) {
  const { t } = useTranslation('registry');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async ({ note }: { note: string }) => {
    setSaving(true);
    try {
      const updated = await commentObjection(objection.id, note.trim());
      queryClient.setQueryData([...objectionsKey, 'one', objection.id], updated);
      form.resetFields();
    } catch (error) {
      showFormError(form, error, message.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={saving}
      data-testid="objection-comment"
      style={{ marginTop: 8 }}
    >
      <Form.Item
        name="note"
        label={t('objections.detail.commentLabel')}
        rules={[{ required: true, whitespace: true, message: t('objections.detail.commentRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Button htmlType="submit" loading={saving}>
        {t('objections.detail.comment')}
      </Button>
    </Form>
  );
}
