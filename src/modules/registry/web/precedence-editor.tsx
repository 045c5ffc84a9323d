import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Checkbox, Flex, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../web/kit/api.ts';
import { type PrecedenceList, type RegistryName, useSavePrecedence } from './registry-api.ts';

type Source = PrecedenceList['sources'][number];

/**
 * The steward's "change" button of one item: a dialog listing the registry's feeding sources, the ticked ones in
 * order of precedence (moved with arrows), then a confirmation, since entities are merged again.
 */
export function PrecedenceEditor({
  registry,
  item,
  itemName,
  current,
  sources,
}: {
  registry: RegistryName;
  item: string;
  itemName: string;
  current: string[];
  sources: Source[];
}) {
  const { t } = useTranslation('registry');
  const { modal, message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [order, setOrder] = useState<string[]>(current);
  const save = useSavePrecedence(registry);
  // The ranked sources first, in their order; the others after them, as listed by the server.
  const rows = [
    ...order.flatMap((alias) => sources.filter((s) => s.alias === alias)),
    ...sources.filter((s) => !order.includes(s.alias)),
  ];

  const move = (alias: string, by: -1 | 1) => {
    const at = order.indexOf(alias);
    const next = [...order];
    [next[at], next[at + by]] = [next[at + by]!, next[at]!];
    setOrder(next);
  };
  const toggle = (alias: string, on: boolean) =>
    setOrder(on ? [...order, alias] : order.filter((a) => a !== alias));

  const confirm = () =>
    modal.confirm({
      title: t('precedence.confirmTitle'),
      content: t('precedence.confirmText'),
      okButtonProps: { 'data-testid': 'precedence-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          await save.mutateAsync({ item, sources: order });
          message.success(t('precedence.saved'));
          setOpen(false);
        } catch (error) {
          message.error(errorText(error));
        }
      },
    });

  return (
    <>
      <Button
        size="small"
        onClick={() => {
          setOrder(current);
          setOpen(true);
        }}
        data-testid={`precedence-edit-${item}`}
      >
        {t('precedence.edit')}
      </Button>
      <Modal
        open={open}
        title={t('precedence.modalTitle', { item: itemName })}
        onCancel={() => setOpen(false)}
        onOk={confirm}
        okText={t('common:common.save')}
        okButtonProps={{ loading: save.isPending }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('precedence.modalHint')}</Typography.Paragraph>
        <List
          size="small"
          bordered
          dataSource={rows}
          data-testid="precedence-sources"
          renderItem={(s) => {
            const rank = order.indexOf(s.alias);
            return (
              <List.Item
                extra={
                  rank >= 0 && (
                    <Flex gap={4}>
                      <Button
                        size="small"
                        type="text"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('precedence.up')}
                        disabled={rank === 0}
                        onClick={() => move(s.alias, -1)}
                      />
                      <Button
                        size="small"
                        type="text"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('precedence.down')}
                        disabled={rank === order.length - 1}
                        onClick={() => move(s.alias, 1)}
                      />
                    </Flex>
                  )
                }
              >
                <Checkbox checked={rank >= 0} onChange={(e) => toggle(s.alias, e.target.checked)}>
                  {rank >= 0 && <Typography.Text strong>{rank + 1}. </Typography.Text>}
                  {s.name}
                  {s.department && (
                    <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                      {s.department}
                    </Typography.Text>
                  )}
                </Checkbox>
              </List.Item>
            );
          }}
        />
      </Modal>
    </>
  );
}
