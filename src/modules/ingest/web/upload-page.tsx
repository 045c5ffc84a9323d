import { CloudUploadOutlined, FileTextOutlined, InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Form,
  Result,
  Skeleton,
  Space,
  Steps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorText } from '../../../../web/kit/api.ts';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { LoadError } from '../../../../web/kit/load-error.tsx';
import { useSignedInUser } from '../../../../web/kit/session.ts';
import type { Resource } from '../../catalog/contract.ts';
import { resourcePath, resourceQuery } from '../../catalog/web/index.ts';
import { ingestPolicy } from '../policy.ts';
import { BatchProgress, type Running } from './batch-progress.tsx';
import { BatchReport, encodingLabel, useFormatLabel } from './batch-report.tsx';
import { formatBytes } from './format.ts';
import {
  acceptedFiles,
  type LayoutChoice,
  type Preview,
  previewAgain,
  startRun,
  uploadFile,
  useBatch,
} from './ingest-api.ts';
import { IngestHeader } from './ingest-nav.tsx';
import { LayoutCard } from './layout-card.tsx';
import { type Mapping, MappingTable, mappingProblems, SampleTable } from './mapping-table.tsx';
import { ResourceSelect } from './resource-select.tsx';

/**
 * An uploaded file as the server read it, with the resource it is for, the file as picked and the header rows
 * and sheets the user chose (sent with the batch).
 */
type Uploaded = Preview & { resource: Resource; file: File; choice?: LayoutChoice };

/**
 * 上传归集: choose a resource and a file, check what the server detected (format, encoding, the columns' items
 * and the first rows), then load it and follow the batch to its report. The chosen resource and the running
 * batch are kept in the URL, so a reload comes back to them.
 */
export function UploadPage() {
  const { t } = useTranslation('ingest');
  const [search, setSearch] = useSearchParams();
  const resourceCode = search.get('resource') ?? undefined;
  const batchId = Number(search.get('batch')) || undefined;
  const [uploaded, setUploaded] = useState<Uploaded>();
  // The file picked last, offered again when the user steps back from the mapping.
  const [lastFile, setLastFile] = useState<File>();
  // The batch started from this page, shown as running until the server first answers about it (the embedded
  // database may answer only once the load is done).
  const [started, setStarted] = useState<Running>();
  const [mapping, setMapping] = useState<Mapping>({});
  const batch = useBatch(batchId);
  const me = useSignedInUser();
  const navigate = useNavigate();

  const setParams = (changes: Record<string, string | undefined>) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const restart = () => {
    setUploaded(undefined);
    setLastFile(undefined);
    setParams({ batch: undefined });
  };

  const running = batchId !== undefined && (!batch.data || batch.data.status === 'running');
  const current = batchId !== undefined ? (running ? 2 : 3) : uploaded ? 1 : 0;
  const failed = batch.data && (batch.data.status === 'failed' || batch.data.status === 'interrupted');

  let content: ReactNode;
  if (batchId !== undefined) {
    if (batch.isError) {
      content =
        batch.error instanceof ApiError && batch.error.status === 404 ? (
          <Result
            status="404"
            title={t('batch.notFound', { id: batchId })}
            extra={<NewUpload onClick={restart} />}
          />
        ) : (
          <LoadError error={batch.error} onRetry={() => batch.refetch()} />
        );
    } else if (!batch.data) {
      content =
        started?.id === batchId ? (
          <BatchProgress batch={started} link />
        ) : (
          <Skeleton active paragraph={{ rows: 6 }} />
        );
    } else if (batch.data.status === 'running') content = <BatchProgress batch={batch.data} link />;
    else {
      const done = batch.data;
      content = (
        <Flex vertical gap={16}>
          <BatchReport
            batch={done}
            // The columns' order is known while the upload that made this batch is still on the page.
            headers={uploaded?.uploadId.startsWith(`${done.fileHash}.`) ? uploaded.headers : undefined}
          />
          <Flex gap={8} justify="flex-end">
            <Button
              onClick={() => navigate(`${resourcePath(done.resourceCode)}?tab=data`)}
              data-testid="open-resource-data"
            >
              {t('upload.openData')}
            </Button>
            <NewUpload onClick={restart} />
          </Flex>
        </Flex>
      );
    }
  } else if (uploaded) {
    content = (
      <MappingStep
        uploaded={uploaded}
        mapping={mapping}
        onMappingChange={setMapping}
        onReread={(preview, choice) => {
          setUploaded({ ...uploaded, ...preview, choice });
          setMapping(preview.mapping);
        }}
        onBack={() => {
          setLastFile(uploaded.file);
          setUploaded(undefined);
        }}
        onStarted={(id) => {
          setStarted({
            id,
            fileName: uploaded.fileName,
            sourceKind: 'file',
            startedAt: new Date().toISOString(),
            progress: null,
          });
          setParams({ batch: String(id) });
        }}
        onGone={() => setUploaded(undefined)}
      />
    );
  } else if (!ingestPolicy.deliversAnywhere(me) && me.departmentId === null) {
    // A department user's account that belongs to no department has nothing to deliver.
    content = (
      <Alert type="warning" showIcon title={t('upload.noDepartment')} data-testid="upload-no-department" />
    );
  } else {
    content = (
      <ChooseStep
        resourceCode={resourceCode}
        initialFile={lastFile}
        onResourceChange={(code) => setParams({ resource: code })}
        onUploaded={(result) => {
          setUploaded(result);
          setMapping(result.mapping);
        }}
      />
    );
  }

  return (
    <>
      <IngestHeader />
      <Card>
        <Steps
          current={current}
          status={current === 3 && failed ? 'error' : current === 2 ? 'process' : undefined}
          items={[
            { title: t('upload.steps.choose'), content: t('upload.steps.chooseHint') },
            { title: t('upload.steps.mapping'), content: t('upload.steps.mappingHint') },
            { title: t('upload.steps.load'), content: t('upload.steps.loadHint') },
            { title: t('upload.steps.report'), content: t('upload.steps.reportHint') },
          ]}
          style={{ marginBottom: 24 }}
          data-testid="upload-steps"
        />
        {content}
      </Card>
    </>
  );
}

function NewUpload({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation('ingest');
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid="upload-again">
      {t('upload.again')}
    </Button>
  );
}

type ChooseValues = { resource?: string; file?: File };

/** Step 1: the resource (department users: their own department's) and the file, then the upload. */
function ChooseStep({
  resourceCode,
  initialFile,
  onResourceChange,
  onUploaded,
}: {
  resourceCode: string | undefined;
  initialFile: File | undefined;
  onResourceChange: (code: string | undefined) => void;
  onUploaded: (result: Uploaded) => void;
}) {
  const { t } = useTranslation('ingest');
  const { message } = App.useApp();
  const me = useSignedInUser();
  const [form] = Form.useForm<ChooseValues>();
  const [uploading, setUploading] = useState(false);
  const file = Form.useWatch('file', form);
  const resource = useQuery({ ...resourceQuery(resourceCode ?? ''), enabled: !!resourceCode });
  const anywhere = ingestPolicy.deliversAnywhere(me);
  const notOurs = resource.data && !ingestPolicy.mayDeliverTo(me, resource.data);

  const submit = async (values: ChooseValues) => {
    if (!resource.data || !values.file) return;
    setUploading(true);
    try {
      const preview = await uploadFile(resource.data.code, values.file);
      if (!preview.headers.length) {
        form.setFields([{ name: 'file', errors: [t('upload.emptyFile')] }]);
        return;
      }
      onUploaded({ ...preview, resource: resource.data, file: values.file });
    } catch (error) {
      showFormError(form, error, message.error, {
        not_your_resource_data: 'resource',
        unknown_resource: 'resource',
        empty_file: 'file',
      });
    } finally {
      setUploading(false);
    }
  };

  const keyNames = (r: Resource) =>
    r.keyItems.map((k) => r.items.find((i) => i.code === k)?.name ?? k).join('、');

  return (
    <Form<ChooseValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ resource: resourceCode, file: initialFile }}
      onValuesChange={(changed: ChooseValues) => {
        if ('resource' in changed) onResourceChange(changed.resource);
      }}
      style={{ maxWidth: 720 }}
      disabled={uploading}
      data-testid="upload-form"
    >
      <Form.Item
        name="resource"
        label={t('upload.resource')}
        rules={[{ required: true, message: t('upload.resourceRequired') }]}
        validateStatus={notOurs ? 'error' : undefined}
        help={notOurs ? t('upload.notOurs') : undefined}
        extra={
          resource.data &&
          t('upload.resourceHint', {
            items: resource.data.items.length,
            keys: keyNames(resource.data),
            provider: resource.data.providerDepartmentName,
          })
        }
      >
        <ResourceSelect
          // Department users deliver their own department's data only.
          departmentId={anywhere ? undefined : (me.departmentId ?? undefined)}
          aria-label={t('upload.resource')}
          data-testid="upload-resource"
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item
        name="file"
        label={t('upload.file')}
        rules={[{ required: true, message: t('upload.fileRequired') }]}
        extra={t('upload.fileHint')}
        valuePropName="file"
      >
        <FilePicker />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        icon={<CloudUploadOutlined />}
        loading={uploading}
        disabled={!!notOurs}
        data-testid="upload-submit"
      >
        {uploading && file ? t('upload.uploading', { size: formatBytes(file.size) }) : t('upload.submit')}
      </Button>
    </Form>
  );
}

/** Picks one file (drop or browse) and shows its name, size and kind; nothing is sent until the form is. */
function FilePicker({
  file,
  onChange,
  id,
}: {
  file?: File;
  onChange?: (file: File | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation('ingest');
  const extension = file?.name.split('.').pop()?.toLowerCase();
  return (
    <Flex vertical gap={8}>
      <Upload.Dragger
        id={id}
        accept={acceptedFiles}
        multiple={false}
        showUploadList={false}
        beforeUpload={(picked) => {
          onChange?.(picked);
          return false;
        }}
        data-testid="upload-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t(file ? 'upload.replaceFile' : 'upload.dropFile')}</p>
        <p className="ant-upload-hint">{t('upload.formats')}</p>
      </Upload.Dragger>
      {file && (
        <Flex align="center" gap={8} data-testid="chosen-file">
          <FileTextOutlined />
          <Typography.Text strong>{file.name}</Typography.Text>
          <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
          {extension && <Tag>{extension.toUpperCase()}</Tag>}
        </Flex>
      )}
    </Flex>
  );
}

/** Step 2: what the server detected, the columns' items to confirm, the first rows; then the load starts. */
function MappingStep({
  uploaded,
  mapping,
  onMappingChange,
  onReread,
  onBack,
  onStarted,
  onGone,
}: {
  uploaded: Uploaded;
  mapping: Mapping;
  onMappingChange: (mapping: Mapping) => void;
  onReread: (preview: Preview, choice: LayoutChoice) => void;
  onBack: () => void;
  onStarted: (batchId: number) => void;
  onGone: () => void;
}) {
  const { t } = useTranslation('ingest');
  const { message } = App.useApp();
  const formatLabel = useFormatLabel();
  const [starting, setStarting] = useState(false);
  const [rereading, setRereading] = useState(false);
  const { resource, headers, sample, layout } = uploaded;
  const problems = mappingProblems(resource, mapping);
  const name = (code: string) => resource.items.find((i) => i.code === code)?.name ?? code;
  const names = (codes: Iterable<string>) => [...codes].map(name).join('、');
  const blocked = problems.unmappedKeys.length > 0 || problems.duplicates.size > 0;
  const imported = headers.filter((h) => mapping[h]).length;

  const start = async () => {
    setStarting(true);
    try {
      const { batchId } = await startRun({
        resource: resource.code,
        uploadId: uploaded.uploadId,
        fileName: uploaded.fileName,
        mapping,
        ...(uploaded.choice ? { layout: uploaded.choice } : {}),
      });
      onStarted(batchId);
    } catch (error) {
      message.error(errorText(error));
      // The stored upload is gone (cleaned up, another server): only a new upload helps.
      if (error instanceof ApiError && error.status === 404) onGone();
    } finally {
      setStarting(false);
    }
  };

  const reread = async (choice: LayoutChoice) => {
    setRereading(true);
    try {
      const preview = await previewAgain({
        resource: resource.code,
        uploadId: uploaded.uploadId,
        fileName: uploaded.fileName,
        layout: choice,
      });
      onReread(preview, choice);
      message.success(t('layout.applied'));
    } catch (error) {
      message.error(errorText(error));
      if (error instanceof ApiError && error.status === 404) onGone();
    } finally {
      setRereading(false);
    }
  };

  const facts: DescriptionsProps['items'] = [
    {
      key: 'resource',
      label: t('upload.resource'),
      children: <Link to={resourcePath(resource.code)}>{resource.name}</Link>,
    },
    {
      key: 'file',
      label: t('upload.file'),
      children: (
        <Space size={4} wrap>
          {uploaded.fileName}
          <Typography.Text type="secondary">{formatBytes(uploaded.file.size)}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'format',
      label: t('preview.format'),
      children: (
        <Tag color="blue" data-testid="preview-format">
          {formatLabel(uploaded.format)}
        </Tag>
      ),
    },
    {
      key: 'encoding',
      label: t('preview.encodingLabel'),
      children: uploaded.encoding ? (
        <Tag color="blue" data-testid="preview-encoding">
          {t('preview.encoding', { encoding: encodingLabel(uploaded.encoding) })}
        </Tag>
      ) : (
        <Typography.Text type="secondary">{t('preview.noEncoding')}</Typography.Text>
      ),
    },
    {
      key: 'columns',
      label: t('preview.columns'),
      children: t('preview.columnCount', { count: headers.length, imported }),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        items={facts}
        data-testid="preview-facts"
      />
      {layout && (
        <LayoutCard
          key={`${layout.headerRows.join()}|${layout.sheets.map((s) => `${s.name}:${s.loaded}`).join()}`}
          preview={{ ...uploaded, layout }}
          busy={rereading || starting}
          onCorrect={reread}
        />
      )}
      {problems.unmappedKeys.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('mapping.unmappedKey', { items: names(problems.unmappedKeys) })}
          description={t('mapping.unmappedKeyHint')}
          data-testid="mapping-key-missing"
        />
      )}
      {problems.duplicates.size > 0 && (
        <Alert type="error" showIcon title={t('mapping.duplicates', { items: names(problems.duplicates) })} />
      )}
      {problems.unmappedRequired.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('mapping.unmappedRequired', { items: names(problems.unmappedRequired) })}
        />
      )}
      <Card
        size="small"
        title={t('mapping.title')}
        extra={
          problems.unmapped.length > 0 && (
            <Typography.Text
              type="secondary"
              ellipsis={{ tooltip: names(problems.unmapped) }}
              style={{ maxWidth: 480 }}
            >
              {t('mapping.unmappedItems', { items: names(problems.unmapped) })}
            </Typography.Text>
          )
        }
      >
        <MappingTable
          resource={resource}
          headers={headers}
          sample={sample}
          mapping={mapping}
          automatic={uploaded.mapping}
          onChange={(header, code) => onMappingChange({ ...mapping, [header]: code })}
        />
      </Card>
      <Card size="small" title={t('preview.sample', { count: sample.length })}>
        <SampleTable resource={resource} headers={headers} sample={sample} mapping={mapping} />
      </Card>
      <Flex justify="space-between">
        <Button onClick={onBack} disabled={starting}>
          {t('upload.back')}
        </Button>
        <Button type="primary" onClick={start} loading={starting} disabled={blocked} data-testid="run-start">
          {t('upload.start')}
        </Button>
      </Flex>
    </Flex>
  );
}
