import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/pool.js';
import { runCommit, runValidation } from '../../platform/import/service.js';
import type { FixtureCounty, FixtureRole } from '../org/testing-fixture.js';
import { analyseQueuedExam } from './workers.js';

/**
 * Drives an import job of the platform pipeline without the queue: the job row and stored file as startImport makes
 * them, then the dry run and (when asked and valid) the commit, run inline. Returns the job as stored.
 */
export async function runImportInline(
  app: FastifyInstance,
  fx: FixtureCounty,
  role: FixtureRole,
  kind: string,
  fileName: string,
  content: string | Buffer,
  commit = true,
) {
  const db: Db = app.db;
  const hash = await app.files.put(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
  const job = await db
    .insertInto('import_jobs')
    .values({
      county_id: fx.countyId,
      user_id: fx.users[role].id,
      kind,
      status: 'queued',
      file_name: fileName,
      file_hash: hash,
      encoding: 'auto',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ref = { countyId: fx.countyId, jobId: job.id };
  await runValidation(db, app.files, ref);
  let row = await db.selectFrom('import_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
  if (commit && row.status === 'validated') {
    await db.updateTable('import_jobs').set({ status: 'committing' }).where('id', '=', job.id).execute();
    await runCommit(db, app.files, ref);
    row = await db.selectFrom('import_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
  }
  return row as typeof row & { errors: { row: number; column: string; message: string }[] };
}

/** Runs the analysis the worker would run for a queued exam. */
export async function analyseNow(db: Db, countyId: number, examId: number) {
  await analyseQueuedExam(db, countyId, examId);
  return db
    .selectFrom('exams')
    .select(['analysis_status', 'analysis_message', 'stale'])
    .where('id', '=', examId)
    .executeTakeFirstOrThrow();
}

/** 学籍号 of the fixture's students, by student id. */
export async function studentNumbers(db: Db, countyId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('students').select(['id', 'student_no']).where('county_id', '=', countyId).execute();
  return new Map(rows.map((r) => [r.id, r.student_no]));
}
