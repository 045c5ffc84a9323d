import { App, Button, type ButtonProps, Flex, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import type { Candidate } from '../contract.ts';
import { batchPath, useResolveConflict } from './registry-api.ts';

/** A conflict as the resolve dialog needs it, from the conflicts list or an entity page. */
export type OpenConflict = { id: number; item: string; candidates: Candidate[] };

/**
 * The steward's "resolve" button: a dialog to choose one candidate's value, then a confirmation saying what the
 * entity will take; the server merges the entity again. `sourceName` names a feeding resource by alias.
 */
export function ResolveConflictButton({
  conflict,
  itemName,
  entityName,
  sourceName,
}: {
  conflict: OpenConflict;
  itemName: string;
  entityName: string;
  sourceName: (alias: string) => string;
}) {
  const { t } = useTranslation('registry');
  const { modal, message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<number>();
  const resolve = useResolveConflict();

  const confirm = () => {
    const candidate = chosen === undefined ? undefined : conflict.candidates[chosen];
    if (!candidate) return void message.warning(t('conflicts.choose'));
    modal.confirm({
      title: t('conflicts.confirmTitle'),
      content: t('conflicts.confirmText', {
        entity: entityName,
        item: itemName,
        source: sourceName(candidate.source),
        value: candidate.value,
      }),
      okButtonProps: { 'data-testid': 'resolve-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          // By its place in the list: the values may be shown masked.
          await resolve.mutateAsync({ id: conflict.id, candidate: chosen, source: candidate.source });
          message.success(t('conflicts.resolved'));
          setOpen(false);
        } catch (error) {
          message.error(errorText(error));
        }
      },
    });
  };

  return (
    <>
      <Button
        size="small"
        type="primary"
        ghost
        onClick={() => {
          setChosen(undefined);
          setOpen(true);
        }}
        data-testid={`resolve-conflict-${conflict.id}`}
      >
        {t('conflicts.resolve')}
      </Button>
      <Modal
        open={open}
        title={t('conflicts.modalTitle', { item: itemName })}
        onCancel={() => setOpen(false)}
        onOk={confirm}
        okText={t('conflicts.resolve')}
        okButtonProps={
          {
            disabled: chosen === undefined,
            loading: resolve.isPending,
            'data-testid': 'resolve-submit',
          } as ButtonProps
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('conflicts.modalHint')}</Typography.Paragraph>
        <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="resolve-choices">
          <Flex vertical gap={12}>
            {conflict.candidates.map((c, index) => (
              <Radio key={`${c.source}-${c.batchId}`} value={index}>
                <Typography.Text strong>{c.value || '—'}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('conflicts.from', { source: sourceName(c.source) })} ·{' '}
                  {c.batchId > 0 ? (
                    <a href={batchPath(c.batchId)} target="_blank" rel="noreferrer">
                      {t('entity.batch', { id: c.batchId })}
                    </a>
                  ) : (
                    t('entity.directDelivery')
                  )}{' '}
                  · {formatDateTime(c.observedAt)}
                </Typography.Text>
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Modal>
    </>
  );
}
