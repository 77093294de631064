import type { FastifyInstance } from 'fastify';
import type { CaseState, TimeLimits } from '../../../common/surveys/cases.js';
import type { Db } from '../../db/pool.js';
import { loadWorkingCalendar } from '../../platform/calendar.js';
import type { Jobs } from '../../platform/jobs.js';
import { getSetting } from '../../platform/settings.js';
import { casesDueSoon, notifyDueSoon } from './case-notices.js';
import { parsePauses } from './cases.js';

const CASE_DEADLINES_QUEUE = 'surveys-case-deadlines';
const OPEN_STATES: CaseState[] = ['pending', 'handling', 'supplement', 'replied', 'visited'];

/**
 * Warns the handlers of 诉求 nearing their current time limit (case-notices.ts decides which and who), once per
 * case, stage and due day. `now` is the clock (tests pass a fake one). Returns how many messages were stored.
 */
export async function runCaseDeadlineNotices(db: Db, now: Date = new Date()): Promise<number> {
  const counties = await db
    .selectFrom('cases')
    .select('county_id')
    .distinct()
    .where('state', 'in', OPEN_STATES)
    .execute();
  let n = 0;
  for (const { county_id } of counties) {
    const cal = await loadWorkingCalendar(db, county_id);
    const { caseWorkingDays } = await getSetting(db, county_id, 'notifications.dueSoon');
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'title', 'school_id', 'state', 'clock_start', 'pauses', 'limits'])
      .where('county_id', '=', county_id)
      .where('state', 'in', OPEN_STATES)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const due = casesDueSoon(
      cal,
      rows.map((r) => ({
        id: r.id,
        state: r.state as CaseState,
        clockStart: r.clock_start,
        limits: r.limits as TimeLimits,
        pauses: parsePauses(r.pauses),
      })),
      now,
      caseWorkingDays,
    );
    for (const d of due) {
      n += await db.transaction().execute((trx) => notifyDueSoon(trx, county_id, byId.get(d.caseId)!, d));
    }
  }
  return n;
}

/** The surveys module's background work: the daily deadline warning of 诉求 (08:00 China time). */
export async function registerSurveysWorkers(app: FastifyInstance, jobs: Jobs): Promise<void> {
  await jobs.createQueue(CASE_DEADLINES_QUEUE);
  await jobs.work(CASE_DEADLINES_QUEUE, async () => {
    await runCaseDeadlineNotices(app.db);
  });
  await jobs.schedule(CASE_DEADLINES_QUEUE, '0 8 * * *', {}, { tz: 'Asia/Shanghai' });
}
