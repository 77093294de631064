/**
 * The one import flow for every kind: choose kind → template → upload (encoding auto/UTF-8/GBK) → the server
 * validates every row (progress) → the dry run (every error by row and column, or 新增/更新/不变) → 确认导入 →
 * the server writes all rows in one transaction (progress) → done. Opened with a job id it resumes that job.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Progress, Result, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { SCOPE_KEY } from '../../app/scope';
import type { ImportJob, ImportKind } from '../../app/types';
import { ImportErrors } from './ImportErrors';
import { ImportStatusTag } from './ImportStatusTag';
import { ImportSummary } from './ImportSummary';
import { ImportUpload } from './ImportUpload';
import { percentOf, RUNNING, rememberJob, stepOf, useImportJob } from './import-job';

export interface ImportWizardProps {
  open: boolean;
  /** Fixed kind (a list page's Import button); absent = the user chooses. */
  kind?: ImportKind;
  /** Resume this job (the import-jobs page). */
  jobId?: number | null;
  /** Told when an upload starts a new job, e.g. to put it in the URL. */
  onJobChange?: (jobId: number) => void;
  onClose: () => void;
}

export function ImportWizard({ open, kind, jobId = null, onJobChange, onClose }: ImportWizardProps) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('import.title')} width={880} footer={null} onCancel={onClose} destroyOnHidden>
      {open && <WizardBody fixedKind={kind} initialJobId={jobId} onJobChange={onJobChange} onClose={onClose} />}
    </Modal>
  );
}

function WizardBody({
  fixedKind,
  initialJobId,
  onJobChange,
  onClose,
}: {
  fixedKind?: ImportKind;
  initialJobId: number | null;
  onJobChange?: (jobId: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [chosenKind, setChosenKind] = useState<ImportKind | null>(fixedKind ?? null);
  const [jobId, setJobId] = useState<number | null>(initialJobId);
  const [committing, setCommitting] = useState(false);
  const jobQuery = useImportJob(jobId);
  const job = jobQuery.data;
  const kind = job?.kind ?? chosenKind;

  // Once rows are written, every list (and the org picker, for regions/schools) may show stale data.
  const committed = job?.status === 'committed';
  useEffect(() => {
    if (!committed) return;
    void queryClient.invalidateQueries({ queryKey: ['list'] });
    void queryClient.invalidateQueries({ queryKey: ['item'] });
    void queryClient.invalidateQueries({ queryKey: SCOPE_KEY });
  }, [committed, queryClient]);

  const commit = async (current: ImportJob) => {
    setCommitting(true);
    try {
      const answer = await api.post<{ job: ImportJob }>(`/io/imports/${current.id}/commit`);
      rememberJob(queryClient, answer.job);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setCommitting(false);
    }
  };

  const restart = () => setJobId(null);
  const uploaded = (next: ImportJob) => {
    setJobId(next.id);
    onJobChange?.(next.id);
  };
  const step = stepOf(job, Boolean(kind));
  const failedStep = job?.status === 'invalid' || job?.status === 'failed';

  return (
    <Flex vertical gap={16}>
      <Steps
        size="small"
        current={step}
        status={failedStep ? 'error' : step === 4 ? 'finish' : 'process'}
        items={[
          { title: t('import.stepKind') },
          { title: t('import.stepUpload') },
          { title: t('import.stepValidate') },
          { title: t('import.stepCommit') },
          { title: t('import.stepDone') },
        ]}
      />

      {jobQuery.error && <Alert type="error" showIcon title={errorMessage(jobQuery.error)} />}

      {jobId == null && (
        <ImportUpload kind={kind} onKindChange={fixedKind ? undefined : setChosenKind} onUploaded={uploaded} />
      )}

      {job && (
        <Space wrap>
          <Typography.Text strong>{job.fileName}</Typography.Text>
          <Typography.Text type="secondary">{t(`importKinds.${job.kind}`)}</Typography.Text>
          <ImportStatusTag status={job.status} testId="import-status" />
          {job.totalRows > 0 && (
            <Typography.Text type="secondary">{t('import.rows', { count: job.totalRows })}</Typography.Text>
          )}
        </Space>
      )}

      {job && RUNNING.has(job.status) && (
        <Progress percent={percentOf(job)} status="active" data-testid="import-progress" />
      )}

      {job?.status === 'invalid' && (
        <>
          <Alert type="error" showIcon title={t('import.invalid', { count: job.errors.length })} />
          <ImportErrors errors={job.errors} />
          <ImportUpload kind={job.kind} onUploaded={uploaded} hint={t('import.uploadFixed')} />
        </>
      )}

      {job?.status === 'validated' && (
        <>
          <Alert type="success" showIcon title={t('import.validated')} />
          {job.summary && <ImportSummary summary={job.summary} />}
          <Space>
            <Button type="primary" loading={committing} onClick={() => void commit(job)} data-testid="import-commit">
              {t('import.commit')}
            </Button>
            <Button onClick={restart}>{t('import.another')}</Button>
          </Space>
        </>
      )}

      {job?.status === 'failed' && (
        <>
          <Alert type="error" showIcon title={t('import.failed')} description={job.message} />
          <ImportUpload kind={job.kind} onUploaded={uploaded} hint={t('import.uploadAgain')} />
        </>
      )}

      {job?.status === 'committed' && (
        <Result
          status="success"
          title={<span data-testid="import-committed">{t('import.committed')}</span>}
          subTitle={job.summary ? <ImportSummary summary={job.summary} /> : null}
          extra={[
            <Button key="close" type="primary" onClick={onClose} data-testid="import-done">
              {t('import.close')}
            </Button>,
            <Button key="again" onClick={restart}>
              {t('import.another')}
            </Button>,
          ]}
        />
      )}
    </Flex>
  );
}
