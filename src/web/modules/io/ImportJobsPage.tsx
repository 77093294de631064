import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ImportJob } from '../../app/types';
import { DataTable } from '../../ui/DataTable';
import { ImportStatusTag } from '../../ui/import/ImportStatusTag';
import { ImportWizard } from '../../ui/import/ImportWizard';
import { Page } from '../../ui/Page';

/**
 * 导入记录: the caller's recent import jobs. Validation and commit run on the server, so a user can close the
 * wizard and come back here; opening a job resumes the wizard at that job's step. The open job is in the
 * URL (`?job=12`), so a reload or a shared link lands on it too.
 */
export function ImportJobsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobParam = params.get('job');
  const open = jobParam !== null;
  const jobId = jobParam && /^\d+$/.test(jobParam) ? Number(jobParam) : null;

  const setJob = (value: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value === null) next.delete('job');
      else next.set('job', value);
      return next;
    });

  return (
    <Page title={t('pages.imports')}>
      <DataTable<ImportJob>
        endpoint="/io/imports"
        searchable={false}
        // The jobs list allows at most 100 per page.
        pageSizeOptions={[20, 50, 100]}
        toolbar={() => (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setJob('new')} data-testid="import-new">
            {t('import.new')}
          </Button>
        )}
        columns={[
          { title: t('import.jobId'), dataIndex: 'id', width: 80 },
          { title: t('import.kind'), dataIndex: 'kind', render: (v: ImportJob['kind']) => t(`importKinds.${v}`) },
          { title: t('import.file'), dataIndex: 'fileName' },
          {
            title: t('fields.status'),
            dataIndex: 'status',
            render: (v: ImportJob['status']) => <ImportStatusTag status={v} />,
          },
          { title: t('import.totalRows'), dataIndex: 'totalRows' },
          {
            title: t('import.errorCount'),
            key: 'errors',
            render: (_, job) => (job.errors?.length ? job.errors.length : null),
          },
          {
            title: t('import.createdAt'),
            dataIndex: 'createdAt',
            render: (v?: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : null),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, job) => (
              <Button type="link" size="small" onClick={() => setJob(String(job.id))} data-testid="import-open">
                {t('import.open')}
              </Button>
            ),
          },
        ]}
      />
      <ImportWizard open={open} jobId={jobId} onJobChange={(id) => setJob(String(id))} onClose={() => setJob(null)} />
    </Page>
  );
}
