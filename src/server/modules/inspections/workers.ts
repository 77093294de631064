import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { Database } from '../../db/types.js';
import type { Jobs } from '../../platform/jobs.js';
import { notify } from '../../platform/notifications/notify.js';
import type { Recipient } from '../../platform/notifications/recipients.js';
import { todayInChina } from '../org/shared.js';
import { type DueReminder, dueReminders, escalationLevel, type ReminderKind } from './problems/reminders.js';
import { rulesOf } from './settings.js';

const QUEUE = 'inspections-reminders';

/**
 * Sends the reminders due today (problems/reminders.ts decides which): records each once per problem, kind and
 * deadline in insp_reminders (the ledger shows them; the escalation level is kept on the problem for lists), and
 * delivers each as an in-app message in the same transaction (deliverReminder).
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
        const recorded = await trx
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
          .returning('id')
          .execute();
        if (recorded.length > 0) await deliverReminder(trx, county_id, r);
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

/**
 * Who a reminder reaches, as its level says: `before` the school's 整改责任人 (the staff member of that school named
 * as responsible person, if they have an account; otherwise the school's 校长 and 教导主任, who assign the work),
 * `school_head` the school's 校长, `bureau` the 督学 of the school and the 教育局管理员 over it (督导室).
 */
async function deliverReminder(trx: Transaction<Database>, countyId: number, r: DueReminder): Promise<void> {
  const p = await trx
    .selectFrom('insp_problems as p')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.school_id'))
    .select(['p.school_id', 'p.description', 'p.state', 's.name as school'])
    .where('p.county_id', '=', countyId)
    .where('p.id', '=', r.problemId)
    .executeTakeFirstOrThrow();
  const school = p.school_id;
  let recipients: Recipient[];
  if (r.kind === 'before') {
    const person = p.state.responsiblePerson?.trim();
    const staff = person
      ? await trx
          .selectFrom('staff as st')
          .innerJoin('users as u', (j) => j.onRef('u.county_id', '=', 'st.county_id').onRef('u.staff_id', '=', 'st.id'))
          .select('st.id')
          .where('st.county_id', '=', countyId)
          .where('st.school_id', '=', school)
          .where('st.name', '=', person)
          .where('st.archived_at', 'is', null)
          .where('u.disabled_at', 'is', null)
          .execute()
      : [];
    recipients =
      staff.length > 0
        ? staff.map((s) => ({ staffId: s.id }))
        : [
            { role: 'school_admin', schoolId: school },
            { role: 'school_director', schoolId: school },
          ];
  } else if (r.kind === 'school_head') recipients = [{ role: 'school_admin', schoolId: school }];
  else
    recipients = [
      { role: 'inspector', schoolId: school },
      { role: 'bureau_admin', schoolId: school },
    ];
  const title =
    r.kind === 'before'
      ? `整改即将到期：${p.school}（期限 ${r.deadline}）`
      : r.kind === 'school_head'
        ? `整改已逾期，请校长督办：${p.school}（期限 ${r.deadline}）`
        : `整改逾期上报督导室：${p.school}（期限 ${r.deadline}）`;
  await notify(trx, {
    countyId,
    recipients,
    kind: `inspections.${r.kind}`,
    title,
    body: p.description,
    link: `/inspections/problems?problem=${r.problemId}`,
    dedupeKey: `insp:${r.problemId}:${r.kind}:${r.deadline}`,
  });
}

/** The inspections module's background work: the daily reminder and escalation run (07:00 China time). */
export async function registerInspectionsWorkers(app: FastifyInstance, jobs: Jobs): Promise<void> {
  await jobs.createQueue(QUEUE);
  await jobs.work(QUEUE, async () => {
    await runReminders(app.db);
  });
  await jobs.schedule(QUEUE, '0 7 * * *', {}, { tz: 'Asia/Shanghai' });
}
