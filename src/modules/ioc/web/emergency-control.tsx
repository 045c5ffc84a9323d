import { AlertOutlined, HistoryOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { holds } from '../../../core/policy.ts';
import type { Incident, ScreenMode } from '../contract.ts';
import { iocPolicy } from '../policy.ts';
import { endIncident, incidentsKey, modeKey } from './emergency-api.ts';
import { EmergencyHistory } from './emergency-history.tsx';
import { EmergencyStartForm } from './emergency-start-form.tsx';

/**
 * The duty officer's switch on the screen: start an incident (title, place picked on the map or typed, radius,
 * linked cases and alarms) or end the open one, each after a confirmation; and the past incidents. Shown only to
 * those allowed by iocPolicy.emergency. `pick` is a point the officer clicked on the map, if any; `onChanged` is
 * told the new mode after a switch (the live stream tells every screen too).
 */
export function EmergencyControl(props: {
  current: Incident | null;
  pick: { lng: number; lat: number } | null;
  onChanged?: (mode: ScreenMode) => void;
}) {
  const { t } = useTranslation('ioc', { keyPrefix: 'emergency.control' });
  const me = useSignedInUser();
  const [open, setOpen] = useState<'start' | 'end' | 'history' | null>(null);
  if (!holds(me, iocPolicy.emergency)) return null;
  const close = () => setOpen(null);
  return (
    <Space data-testid="emergency-control">
      {props.current ? (
        <Button icon={<SafetyOutlined />} onClick={() => setOpen('end')} data-testid="emergency-end">
          {t('end')}
        </Button>
      ) : (
        <Button
          danger
          type="primary"
          icon={<AlertOutlined />}
          onClick={() => setOpen('start')}
          data-testid="emergency-start"
        >
          {t('start')}
        </Button>
      )}
      <Button
        icon={<HistoryOutlined />}
        onClick={() => setOpen('history')}
        data-testid="emergency-history-open"
      >
        {t('history')}
      </Button>
      {open === 'start' && (
        <EmergencyStartForm pick={props.pick} onClose={close} onStarted={props.onChanged} />
      )}
      {open === 'end' && props.current && (
        <EndModal incident={props.current} onClose={close} onEnded={props.onChanged} />
      )}
      {open === 'history' && <EmergencyHistory onClose={close} />}
    </Space>
  );
}

/** 恢复平时: the confirmation, with a note on how the incident ended. */
function EndModal(props: { incident: Incident; onClose: () => void; onEnded?: (mode: ScreenMode) => void }) {
  const { t } = useTranslation('ioc', { keyPrefix: 'emergency.control' });
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await endIncident(props.incident.id, note.trim() || undefined);
      const mode: ScreenMode = { mode: 'routine', view: null };
      queryClient.setQueryData(modeKey, mode);
      await queryClient.invalidateQueries({ queryKey: incidentsKey });
      message.success(t('ended'));
      props.onEnded?.(mode);
      props.onClose();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('confirmEnd')}
      okText={t('ok')}
      cancelText={t('cancel')}
      okButtonProps={{ 'data-testid': 'emergency-end-ok' }}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('confirmEndBody', { title: props.incident.title })}</Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('notePlaceholder')}
        aria-label={t('note')}
        data-testid="emergency-end-note"
      />
    </Modal>
  );
}
