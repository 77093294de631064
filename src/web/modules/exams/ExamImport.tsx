import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Progress, Radio, Result, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiJson, errorMessage } from '../../app/api';
import type { ImportJob } from '../../app/types';
import { downloadFile } from '../../ui/download';
import { ImportErrors } from '../../ui/import/ImportErrors';
import { ImportStatusTag } from '../../ui/import/ImportStatusTag';
import { ImportSummary } from '../../ui/import/ImportSummary';
import { percentOf, RUNNING, rememberJob, useImportJob } from '../../ui/import/import-job';

type What = 'scores' | 'paper';

/**
 * Import of an exam's scores or paper: templates made for this exam, upload, the platform's dry run (every error by row
 * and column), then the all-or-nothing commit — the same job, status and error components as every other import.
 */
export function ExamImport({ examId, onClose, onDone }: { examId: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const file = useRef<HTMLInputElement>(null);
  const [what, setWhat] = useState<What>('scores');
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useImportJob(jobId).data;

  const upload = async (f: File) => {
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.append('encoding', 'auto');
      body.append('file', f, f.name);
      const answer = await apiJson<{ jobId: number }>('POST', `/exams/${examId}/imports/${what}`, { body });
      setJobId(answer.jobId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  };
  const commit = async (current: ImportJob) => {
    setBusy(true);
    try {
      rememberJob(queryClient, (await api.post<{ job: ImportJob }>(`/io/imports/${current.id}/commit`)).job);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const template = (w: What, layout: 'wide' | 'long') =>
    void downloadFile(`/exams/${examId}/template/${w}`, { format: 'xlsx', layout }, `${w}.xlsx`).catch((err) =>
      setError(errorMessage(err)),
    );

  return (
    <Modal open width={860} title={t('exams.import')} footer={null} onCancel={onClose} destroyOnHidden>
      <Flex vertical gap={16}>
        {!job && (
          <>
            <Radio.Group
              value={what}
              onChange={(e) => setWhat(e.target.value as What)}
              options={[
                { value: 'scores', label: t('exams.importScores') },
                { value: 'paper', label: t('exams.importPaper') },
              ]}
            />
            <Space wrap>
              <Typography.Text>{t('exams.template')}：</Typography.Text>
              <Button size="small" onClick={() => template('scores', 'wide')}>
                {t('exams.templateWide')}
              </Button>
              <Button size="small" onClick={() => template('scores', 'long')}>
                {t('exams.templateLong')}
              </Button>
              <Button size="small" onClick={() => template('paper', 'wide')}>
                {t('exams.templatePaper')}
              </Button>
            </Space>
            <input
              ref={file}
              type="file"
              accept=".xlsx,.csv"
              style={{ display: 'none' }}
              data-testid="exam-import-file"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                if (f) void upload(f);
              }}
            />
            <Button type="primary" loading={busy} onClick={() => file.current?.click()}>
              {t('exams.chooseFile')}
            </Button>
          </>
        )}
        {job && (
          <Space wrap>
            <Typography.Text strong>{job.fileName}</Typography.Text>
            <ImportStatusTag status={job.status} testId="import-status" />
          </Space>
        )}
        {job && RUNNING.has(job.status) && <Progress percent={percentOf(job)} status="active" />}
        {job?.status === 'invalid' && (
          <>
            {job.message && <Alert type="error" showIcon title={job.message} />}
            <ImportErrors errors={job.errors} />
            <Button onClick={() => setJobId(null)}>{t('exams.chooseFile')}</Button>
          </>
        )}
        {job?.status === 'validated' && (
          <>
            {job.summary && <ImportSummary summary={job.summary} />}
            <Button type="primary" loading={busy} onClick={() => void commit(job)} data-testid="import-commit">
              {t('exams.commit')}
            </Button>
          </>
        )}
        {job?.status === 'failed' && <Alert type="error" showIcon title={job.message} />}
        {job?.status === 'committed' && (
          <Result
            status="success"
            title={<span data-testid="import-committed">{t('exams.importDone')}</span>}
            subTitle={job.summary ? <ImportSummary summary={job.summary} /> : null}
            extra={
              <Button
                type="primary"
                data-testid="import-done"
                onClick={() => {
                  onDone();
                  onClose();
                }}
              >
                OK
              </Button>
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="exam-import-error" />}
      </Flex>
    </Modal>
  );
}
