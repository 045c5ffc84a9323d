import { type ButtonProps, Input, Modal, Space, Switch, Tooltip } from 'antd';
import { useState } from 'react';

/** The texts of a raw-view switch, from the module that shows it (its own messages, in the page's language). */
export type RawViewTexts = {
  /** The switch's label (显示原文). */
  show: string;
  /** What turning it on means, as a tooltip. */
  hint: string;
  /** The dialog's title and its reason box's label and placeholder. */
  title: string;
  reason: string;
  placeholder: string;
  ok: string;
  cancel: string;
};

/**
 * The "show raw" switch of a view of personal data, for those allowed to see it raw: turning it on asks why, and
 * the view is then read raw with that reason (the server requires it and audits the view once). Off again, or
 * on a new page, the view is masked: the reason lives in the page's state only, never in its address.
 */
export function RawViewSwitch({
  reason,
  onChange,
  texts,
}: {
  reason: string | null;
  onChange: (reason: string | null) => void;
  texts: RawViewTexts;
}) {
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const ok = () => {
    if (!typed.trim()) return;
    onChange(typed.trim());
    setAsking(false);
  };
  return (
    <>
      <Tooltip title={texts.hint}>
        <Space>
          <Switch
            checked={reason !== null}
            onChange={(on) => {
              if (!on) return onChange(null);
              setTyped('');
              setAsking(true);
            }}
            data-testid="show-raw"
          />
          <span>{texts.show}</span>
        </Space>
      </Tooltip>
      <Modal
        open={asking}
        title={texts.title}
        onOk={ok}
        onCancel={() => setAsking(false)}
        okText={texts.ok}
        cancelText={texts.cancel}
        okButtonProps={{ disabled: !typed.trim(), 'data-testid': 'raw-reason-ok' } as ButtonProps}
        destroyOnHidden
      >
        <label htmlFor="raw-reason">{texts.reason}</label>
        <Input.TextArea
          id="raw-reason"
          value={typed}
          onChange={(e) => setTyped(e.target.value.replace(/[\r\n]+/g, ' '))}
          onPressEnter={(e) => {
            e.preventDefault();
            ok();
          }}
          maxLength={200}
          showCount
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={texts.placeholder}
          style={{ marginTop: 8 }}
          data-testid="raw-reason"
        />
      </Modal>
    </>
  );
}
