import type { Db } from '../../db/pool.js';

/**
 * An exam's analysis is recomputed whenever its scores, papers or thresholds change. The change marks the exam
 * stale and 'queued' in its own transaction (so an import that rolls back queues nothing); the exams worker picks
 * queued exams up (workers.ts) and runs them as pg-boss jobs.
 */
export async function requestAnalysis(tx: Db, countyId: number, examId: number): Promise<void> {
  await tx
    .updateTable('exams')
    .set({ stale: true, analysis_status: 'queued', analysis_message: null, updated_at: new Date() })
    .where('county_id', '=', countyId)
    .where('id', '=', examId)
    .execute();
}
