import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/pool.js';
import type { Jobs } from '../../platform/jobs.js';
import { runAnalysis } from './analysis/run.js';

export const ANALYSIS_QUEUE = 'exam-analysis';
interface AnalysisJob {
  countyId: number;
  examId: number;
}

/**
 * Exam analyses as pg-boss jobs. A change marks the exam 'queued' inside its own transaction (analysis-queue.ts); a
 * sweep every 2 s sends one job per queued exam (singletonKey: never two at once for one exam). The worker claims the
 * exam ('running', no longer stale), computes and stores; if the exam was queued again meanwhile (another import),
 * it stays 'queued' and the next sweep runs it again.
 */
export async function registerExamsWorkers(app: FastifyInstance, jobs: Jobs): Promise<void> {
  await jobs.createQueue(ANALYSIS_QUEUE);
  await jobs.work<AnalysisJob>(ANALYSIS_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
    await analyseQueuedExam(app.db, job.data.countyId, job.data.examId);
  });
  const sweep = async () => {
    const queued = await app.db
      .selectFrom('exams')
      .select(['county_id', 'id'])
      // 'running' too: a worker killed mid-run leaves its exam running; the singleton key keeps a live run alone.
      .where('analysis_status', 'in', ['queued', 'running'])
      .where('archived_at', 'is', null)
      .execute();
    for (const e of queued)
      await jobs.send(ANALYSIS_QUEUE, { countyId: e.county_id, examId: e.id } satisfies AnalysisJob, {
        singletonKey: `exam-${e.county_id}-${e.id}`,
        retryLimit: 1,
      });
  };
  await sweep();
  const timer = setInterval(() => sweep().catch((err) => app.log.error(err)), 2000);
  timer.unref();
  jobs.on('stopped', () => clearInterval(timer));
}

/** Claims a queued exam, analyses it and records the outcome. */
export async function analyseQueuedExam(db: Db, countyId: number, examId: number): Promise<void> {
  const claimed = await db
    .updateTable('exams')
    .set({ analysis_status: 'running', stale: false, analysis_message: null })
    .where('county_id', '=', countyId)
    .where('id', '=', examId)
    .where('analysis_status', 'in', ['queued', 'running'])
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return;
  try {
    await runAnalysis(db, countyId, examId);
    await db
      .updateTable('exams')
      .set({ analysis_status: 'done' })
      .where('county_id', '=', countyId)
      .where('id', '=', examId)
      .where('analysis_status', '=', 'running')
      .execute();
  } catch (err) {
    await db
      .updateTable('exams')
      .set({ analysis_status: 'failed', analysis_message: (err as Error).message.slice(0, 500) })
      .where('county_id', '=', countyId)
      .where('id', '=', examId)
      .execute();
    throw err;
  }
}
