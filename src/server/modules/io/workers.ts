import type { FastifyInstance } from 'fastify';
import { recoverInterruptedImports } from '../../platform/import/recover.js';
import {
  COMMIT_QUEUE,
  type ImportJobRef,
  runCommit,
  runValidation,
  VALIDATE_QUEUE,
} from '../../platform/import/service.js';
import type { Jobs } from '../../platform/jobs.js';

/** The import queues: dry runs and commits, one job at a time per worker. */
export async function registerIoWorkers(app: FastifyInstance, jobs: Jobs): Promise<void> {
  await jobs.createQueue(VALIDATE_QUEUE);
  await jobs.createQueue(COMMIT_QUEUE);
  await jobs.work<ImportJobRef>(VALIDATE_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
    await runValidation(app.db, app.files, job.data);
  });
  await recoverInterruptedImports(app.db, jobs);
  const sweep = setInterval(() => {
    recoverInterruptedImports(app.db, jobs).catch((err) => app.log.error(err));
  }, 10_000);
  sweep.unref();
  jobs.on('stopped', () => clearInterval(sweep));
  await jobs.work<ImportJobRef>(COMMIT_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
    await runCommit(app.db, app.files, job.data);
  });
}
