import { FilePdfOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Modal,
  Radio,
  Segmented,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { urlPagination, useListParams } from '../../../../web/kit/list-params.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { PageHeader } from '../../../../web/kit/page-header.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import { TableEmpty } from '../../../../web/kit/table-empty.tsx';
import { allowed } from '../../../../web/kit/web-module.ts';
import { iocPolicy } from '../policy.ts';
import {
  type BriefingKind,
  type BriefingSummary,
  briefingsQueryKey,
  documentUrl,
  generateBriefing,
  useBriefings,
} from './briefings-api.ts';
import { isoWeekCode, monthCode } from './briefings-period.ts';

const kindFilters = ['all', 'weekly', 'monthly'] as const;

/** A download link of one document, with its size. */
function DocumentLink({ briefing, format }: { briefing: BriefingSummary; format: 'docx' | 'pdf' }) {
  const { t } = useTranslation('ioc');
  const bytes = format === 'docx' ? briefing.docxBytes : briefing.pdfBytes;
  return (
    <Button
      type="link"
      size="small"
      href={documentUrl(briefing.id, format)}
      icon={format === 'docx' ? <FileWordOutlined /> : <FilePdfOutlined />}
      data-testid={`briefing-${briefing.id}-${format}`}
      title={t('briefings.bytes', { size: Math.max(1, Math.round(bytes / 1024)) })}
    >
      {format.toUpperCase()}
    </Button>
  );
}

type GenerateForm = { kind: BriefingKind; date: Dayjs };

/** The 生成简报 dialog: a week or a month picked, the period sent, the server's refusal shown on the field. */
function GenerateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('ioc');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<GenerateForm>();
  const kind = Form.useWatch('kind', form) ?? 'weekly';
  const [busy, setBusy] = useState(false);

  const submit = async (values: GenerateForm) => {
    const d = values.date;
    const period =
      values.kind === 'weekly'
        ? isoWeekCode(d.year(), d.month() + 1, d.date())
        : monthCode(d.year(), d.month() + 1);
    setBusy(true);
    try {
      const made = await generateBriefing(period);
      await queryClient.invalidateQueries({ queryKey: briefingsQueryKey });
      message.success(t('briefings.generated', { number: made.number }));
      form.resetFields();
      onClose();
    } catch (error) {
      // The server names the field `period`; the form shows its reason under the picker.
      const onPeriod =
        error instanceof ApiError
          ? error.fields.filter((f) => f.field === 'period').map((f) => f.message.replace(/^period: /, ''))
          : [];
      if (onPeriod.length) form.setFields([{ name: 'date', errors: onPeriod }]);
      else showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('briefings.generateTitle')}
      okText={t('briefings.submit')}
      onOk={() => form.submit()}
      onCancel={busy ? undefined : onClose}
      confirmLoading={busy}
      closable={!busy}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Spin spinning={busy} description={t('briefings.generating')}>
        <Typography.Paragraph type="secondary">{t('briefings.generateHint')}</Typography.Paragraph>
        <Form<GenerateForm>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'weekly' }}
          onFinish={submit}
          data-testid="briefing-generate-form"
        >
          <Form.Item name="kind" label={t('briefings.pickKind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'weekly', label: t('briefings.kinds.weekly') },
                { value: 'monthly', label: t('briefings.kinds.monthly') },
              ]}
              onChange={() => form.setFieldValue('date', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="date"
            label={kind === 'weekly' ? t('briefings.pickWeek') : t('briefings.pickMonth')}
            rules={[{ required: true, message: t('briefings.pickRequired') }]}
          >
            <DatePicker picker={kind === 'weekly' ? 'week' : 'month'} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Spin>
    </Modal>
  );
}

/**
 * 运营简报: the archive of weekly and monthly operations briefings (newest period first), each downloadable as DOCX
 * and PDF, filtered by kind; the center generates one on demand.
 */
export function BriefingsPage() {
  const { t } = useTranslation('ioc');
  const me = useSignedInUser();
  const mayGenerate = allowed(me.roles, iocPolicy.generateBriefings);
  const [params, setParams] = useListParams({ kind: 'all', page: '1', pageSize: '20' });
  const kind = params.kind === 'weekly' || params.kind === 'monthly' ? params.kind : undefined;
  const list = useBriefings({ kind, page: Number(params.page), pageSize: Number(params.pageSize) });
  const [generating, setGenerating] = useState(false);

  const generateButton = mayGenerate && (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setGenerating(true)}
      data-testid="briefing-generate"
    >
      {t('briefings.generate')}
    </Button>
  );

  return (
    <div data-testid="briefings-page">
      <PageHeader
        title={t('briefings.title')}
        description={t('briefings.description')}
        extra={generateButton}
      />
      <Flex style={{ marginBottom: 16 }}>
        <Segmented
          value={params.kind}
          onChange={(value) => setParams({ kind: String(value) })}
          options={kindFilters.map((k) => ({ value: k, label: t(`briefings.kinds.${k}`) }))}
          data-testid="briefing-kind"
        />
      </Flex>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<BriefingSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="briefings-table"
          pagination={urlPagination(params, setParams, list.data?.total ?? 0)}
          locale={{
            emptyText: (
              <TableEmpty text={kind ? t('briefings.emptyKind') : t('briefings.empty')}>
                {generateButton}
              </TableEmpty>
            ),
          }}
          columns={[
            {
              key: 'period',
              title: t('briefings.period'),
              render: (_, b) => (
                <>
                  <Typography.Text strong>{b.period}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">
                    {b.periodFrom} ~ {b.periodTo}
                  </Typography.Text>
                </>
              ),
            },
            { key: 'number', title: t('briefings.number'), render: (_, b) => b.number },
            {
              key: 'kind',
              title: t('briefings.kind'),
              render: (_, b) => (
                <Tag color={b.kind === 'weekly' ? 'blue' : 'purple'}>{t(`briefings.kinds.${b.kind}`)}</Tag>
              ),
            },
            {
              key: 'generatedAt',
              title: t('briefings.generatedAt'),
              render: (_, b) => formatDateTime(b.generatedAt),
            },
            { key: 'generatedBy', title: t('briefings.generatedBy'), render: (_, b) => b.generatedByName },
            {
              key: 'trigger',
              title: t('briefings.trigger'),
              render: (_, b) => (
                <Tag color={b.trigger === 'schedule' ? 'green' : 'default'}>
                  {t(`briefings.triggers.${b.trigger}`)}
                </Tag>
              ),
            },
            {
              key: 'download',
              title: t('briefings.download'),
              render: (_, b) => (
                <Flex gap={4}>
                  <DocumentLink briefing={b} format="docx" />
                  <DocumentLink briefing={b} format="pdf" />
                </Flex>
              ),
            },
          ]}
        />
      )}
      {mayGenerate && <GenerateModal open={generating} onClose={() => setGenerating(false)} />}
    </div>
  );
}
