import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { Jobs } from '../jobs.js';
import { type ImportJobRef, VALIDATE_QUEUE } from './service.js';

/**
 * Imports interrupted by a crash. A running dry run or commit writes its progress at least every few seconds
 * (updated_at); one silent for STALE_SECONDS lost its worker (the process was killed). Its commit transaction
 * was rolled back by PostgreSQL, so nothing of it was written: a commit goes back to "validated" with a note and
 * the user may commit again; a dry run is queued again. Runs at start and then periodically on every node.
 */
export const STALE_SECONDS = 30;

export async function recoverInterruptedImports(db: Db, jobs: Jobs): Promise<number> {
  const commits = await db
    .updateTable('import_jobs')
    .set({
      status: 'validated',
      processed_rows: 0,
      message: '上次提交因服务中断未完成，未写入任何数据；可再次确认导入',
      updated_at: new Date(),
    })
    .where('status', '=', 'committing')
    .where('updated_at', '<', sql<Date>`now() - make_interval(secs => ${STALE_SECONDS})`)
    .returning('id')
    .execute();
  const dryRuns = await db
    .updateTable('import_jobs')
    .set({ status: 'queued', processed_rows: 0, updated_at: new Date() })
    .where('status', '=', 'validating')
    .where('updated_at', '<', sql<Date>`now() - make_interval(secs => ${STALE_SECONDS})`)
    .returning(['id', 'county_id'])
    .execute();
  for (const job of dryRuns) {
    await jobs.send(VALIDATE_QUEUE, { countyId: job.county_id, jobId: job.id } satisfies ImportJobRef);
  }
  return commits.length + dryRuns.length;
}
