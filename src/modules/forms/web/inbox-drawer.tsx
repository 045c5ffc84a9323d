import { Alert, Descriptions, Drawer, Flex, Skeleton, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../web/kit/format.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { type InboxDetail, useSubmission } from './forms-api.ts';

type Answer = InboxDetail['answers'][number];

/**
 * One submission in a drawer: the form and version answered, the subject, each answer with where it came from
 * (the registries, or reused with consent), and which departments received and read it. Opening it as a
 * receiving department reads it whole and marks it read (`onRead` refreshes the list); center staff see it masked.
 */
export function InboxDrawer({
  submissionId,
  onClose,
  onRead,
}: {
  submissionId: number | null;
  onClose: () => void;
  onRead: () => void;
}) {
  const { t } = useTranslation('forms');
  const submission = useSubmission(submissionId);
  const loaded = submission.data?.submissionId;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list changes once per submission read.
  useEffect(() => {
    if (loaded !== undefined) onRead();
  }, [loaded]);

  const d = submission.data;
  const yesNo = (a: Answer) =>
    a.type === 'boolean' && (a.value === 'true' || a.value === 'false')
      ? t(a.value === 'true' ? 'preview.yes' : 'preview.no')
      : a.value;
  return (
    <Drawer
      open={submissionId !== null}
      onClose={onClose}
      width={560}
      title={t('detail.title')}
      destroyOnHidden
      data-testid="inbox-drawer"
    >
      {submission.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : submission.isError ? (
        <LoadError error={submission.error} onRetry={() => submission.refetch()} />
      ) : d ? (
        <Flex vertical gap={16}>
          {d.masked && <Alert type="info" showIcon title={t('detail.masked')} />}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('detail.form')}>
              {d.form.title} <Typography.Text type="secondary">({d.form.code})</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.version')}>
              v{d.formVersion}
              {d.form.version !== d.formVersion && (
                <Typography.Text type="secondary">
                  {' '}
                  · {t('detail.currentVersion', { version: d.form.version })}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.subject')}>
              <span data-testid="inbox-subject">{d.subjectName}</span>{' '}
              <Tag>{t(`audience.${d.subjectKind}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.key')}>{d.subjectKey}</Descriptions.Item>
            <Descriptions.Item label={t('detail.submitted')}>
              {formatDateTime(d.submittedAt, true)}
            </Descriptions.Item>
          </Descriptions>
          <Descriptions
            title={t('detail.answers')}
            column={1}
            size="small"
            bordered
            data-testid="inbox-answers"
            items={d.answers.map((a) => ({
              key: a.key,
              label: (
                <Flex vertical gap={2}>
                  <span>{a.label}</span>
                  {a.type === null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('detail.removed')}
                    </Typography.Text>
                  )}
                </Flex>
              ),
              children: (
                <Flex gap={6} wrap align="center">
                  {a.value === null ? (
                    <Typography.Text type="secondary">{t('detail.empty')}</Typography.Text>
                  ) : (
                    <span>{yesNo(a)}</span>
                  )}
                  {a.prefilled && <Tag color="blue">{t('detail.prefilled')}</Tag>}
                  {a.reused && <Tag color="purple">{t('detail.reused')}</Tag>}
                </Flex>
              ),
            }))}
          />
          <Descriptions
            title={t('detail.deliveries')}
            column={1}
            size="small"
            items={d.deliveries.map((x) => ({
              key: String(x.departmentId),
              label: x.department,
              children: x.readAt ? (
                t('detail.readAt', { at: formatDateTime(x.readAt) })
              ) : (
                <Typography.Text type="secondary">{t('detail.unreadBy')}</Typography.Text>
              ),
            }))}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}
