/**
 * An import job as the wizard follows it: GET /io/imports/:id, polled while the server is working on it.
 * The job lives on the server, so the user can close the wizard and reopen it later at the same step.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ImportJob, ImportStatus } from '../../app/types';

export const jobKey = (id: number) => ['import-job', id] as const;

/** Statuses during which the server is still working and the wizard keeps polling. */
export const RUNNING: ReadonlySet<ImportStatus> = new Set(['queued', 'validating', 'committing']);

const POLL_MS = 1000;

export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: jobKey(id ?? 0),
    queryFn: async () => (await api.get<{ job: ImportJob }>(`/io/imports/${id}`)).job,
    enabled: id != null,
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? POLL_MS : false),
    staleTime: 0,
  });
}

export function rememberJob(queryClient: QueryClient, job: ImportJob): void {
  queryClient.setQueryData(jobKey(job.id), job);
}

/** The wizard step a job is at: 0 kind, 1 upload, 2 validate, 3 confirm, 4 done. */
export function stepOf(job: ImportJob | undefined, kindChosen: boolean): number {
  if (!job) return kindChosen ? 1 : 0;
  switch (job.status) {
    case 'queued':
    case 'validating':
    case 'invalid':
      return 2;
    case 'validated':
    case 'committing':
    case 'failed':
      return 3;
    case 'committed':
      return 4;
  }
}

/** Percentage of rows processed, for the progress bar (0 while the row count is not known yet). */
export function percentOf(job: ImportJob): number {
  if (!job.totalRows) return 0;
  return Math.min(100, Math.round((job.processedRows / job.totalRows) * 100));
}
