import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/pool.js';
import type { Jobs } from '../../platform/jobs.js';
import { todayInChina } from '../org/shared.js';
import { dueReminders, escalationLevel, type ReminderKind } from './problems/reminders.js';
import { rulesOf } from './settings.js';

const QUEUE = 'inspections-reminders';

/**
 * Sends the reminders due today (problems/reminders.ts decides which): records each once per problem, kind and
 * deadline in insp_reminders (the ledger shows them; the escalation level is kept on the problem for lists).
 * Returns how many were recorded.
 */
export async function runReminders(db: Db, today: string = todayInChina()): Promise<number> {
  const counties = await db
    .selectFrom('insp_problems')
    .select('county_id')
    .distinct()
    .where('status', '=', 'ordered')
    .execute();
  let n = 0;
  for (const { county_id } of counties) {
    const rules = await rulesOf(db, county_id);
    const open = await db
      .selectFrom('insp_problems')
      .select(['id', 'status', 'deadline'])
      .where('county_id', '=', county_id)
      .where('status', '=', 'ordered')
      .execute();
    const sent = await db
      .selectFrom('insp_reminders')
      .select(['problem_id', 'kind', 'deadline'])
      .where('county_id', '=', county_id)
      .execute();
    const sentOf = (id: number, deadline: string | null) =>
      sent.filter((s) => s.problem_id === id && s.deadline === deadline).map((s) => s.kind as ReminderKind);
    const due = dueReminders(
      open.map((p) => ({ ...p, sent: sentOf(p.id, p.deadline) })),
      today,
      rules.escalation,
    );
    for (const r of due) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('insp_reminders')
          .values({
            county_id,
            problem_id: r.problemId,
            kind: r.kind,
            deadline: r.deadline,
            sent_on: today,
            recipient: r.recipient,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        const level = escalationLevel([...sentOf(r.problemId, r.deadline), r.kind]);
        await trx
          .updateTable('insp_problems')
          .set({ escalation: level })
          .where('county_id', '=', county_id)
          .where('id', '=', r.problemId)
          .where('escalation', '<', level)
          .execute();
      });
      sent.push({ problem_id: r.problemId, kind: r.kind, deadline: r.deadline });
      n++;
    }
  }
  return n;
}

/** The inspections module's background work: the daily reminder and escalation run (07:00 China time). */
export async function registerInspectionsWorkers(app: FastifyInstance, jobs: Jobs): Promise<void> {
  await jobs.createQueue(QUEUE);
  await jobs.work(QUEUE, async () => {
    await runReminders(app.db);
  });
  await jobs.schedule(QUEUE, '0 7 * * *', {}, { tz: 'Asia/Shanghai' });
}
