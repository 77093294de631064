import { FileExcelOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Radio, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiJson, errorMessage } from '../../app/api';
import { IMPORT_KINDS, type ImportJob, type ImportKind } from '../../app/types';
import { useCan } from '../../app/use-can';
import { downloadFile } from '../download';
import { rememberJob } from './import-job';

type Encoding = 'auto' | 'utf-8' | 'gbk';

interface Props {
  kind: ImportKind | null;
  /** Present when the user may choose the kind (the import-jobs page); absent on a list page. */
  onKindChange?: (kind: ImportKind) => void;
  onUploaded: (job: ImportJob) => void;
  /** Shown above the file button, e.g. "upload the corrected file". */
  hint?: string;
}

/** Choose kind → download template → choose encoding and file; the upload starts as soon as a file is chosen. */
export function ImportUpload({ kind, onKindChange, onUploaded, hint }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const can = useCan();
  const fileInput = useRef<HTMLInputElement>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const template = async (format: 'xlsx' | 'csv') => {
    if (!kind) return;
    setError(null);
    try {
      await downloadFile(
        `/io/${kind}/template`,
        { format },
        `${t(`importKinds.${kind}`)}${t('import.templateSuffix')}.${format}`,
      );
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const upload = async (file: File) => {
    if (!kind) return;
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      // The encoding field goes before the file: a streaming multipart reader sees fields in order.
      body.append('encoding', encoding);
      body.append('file', file, file.name);
      const { job } = await apiJson<{ job: ImportJob }>('POST', `/io/${kind}/imports`, { body });
      rememberJob(queryClient, job);
      onUploaded(job);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      // Let the same file name be chosen again after the user fixed it in Excel.
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <Form layout="vertical">
      {onKindChange && (
        <Form.Item label={t('import.kind')} required>
          <Select<ImportKind>
            value={kind ?? undefined}
            onChange={onKindChange}
            options={IMPORT_KINDS.filter(can.import).map((k) => ({ value: k, label: t(`importKinds.${k}`) }))}
            placeholder={t('import.chooseKind')}
            style={{ width: 240 }}
            data-testid="import-kind"
          />
        </Form.Item>
      )}
      <Form.Item label={t('import.template')} extra={t('import.templateHelp')}>
        <Flex gap={8} wrap>
          <Button
            icon={<FileExcelOutlined />}
            disabled={!kind}
            onClick={() => void template('xlsx')}
            data-testid="import-template-xlsx"
          >
            {t('import.templateXlsx')}
          </Button>
          <Button
            icon={<FileTextOutlined />}
            disabled={!kind}
            onClick={() => void template('csv')}
            data-testid="import-template-csv"
          >
            {t('import.templateCsv')}
          </Button>
        </Flex>
      </Form.Item>
      <Form.Item label={t('import.encoding')} extra={t('import.encodingHelp')}>
        <Radio.Group
          value={encoding}
          onChange={(e) => setEncoding(e.target.value as Encoding)}
          options={[
            { value: 'auto', label: t('import.encodingAuto') },
            { value: 'utf-8', label: 'UTF-8' },
            { value: 'gbk', label: 'GBK' },
          ]}
          data-testid="import-encoding"
        />
      </Form.Item>
      <Form.Item label={t('import.file')} extra={t('import.fileHelp')}>
        {hint && <Typography.Paragraph>{hint}</Typography.Paragraph>}
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          style={{ display: 'none' }}
          data-testid="import-file-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void upload(file);
          }}
        />
        <Button
          type="primary"
          icon={<UploadOutlined />}
          loading={busy}
          disabled={!kind}
          onClick={() => fileInput.current?.click()}
          data-testid="import-choose-file"
        >
          {t('import.chooseFile')}
        </Button>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} data-testid="import-upload-error" />}
    </Form>
  );
}
