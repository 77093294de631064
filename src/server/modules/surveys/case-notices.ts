import type { Transaction } from 'kysely';
import { cstDate } from '../../../common/calendar/dates.js';
import type { WorkingCalendar } from '../../../common/calendar/working-calendar.js';
import { type CaseClock, type CaseState, caseDue } from '../../../common/surveys/cases.js';
import type { Database } from '../../db/types.js';
import { notify } from '../../platform/notifications/notify.js';
import type { Recipient } from '../../platform/notifications/recipients.js';

/**
 * Who hears about a 诉求, and when (delivered through the notification centre):
 * - 催办 → the handler: the handling school's 校长 and 教导主任 (the bureau's 教育局管理员 while not dispatched);
 * - 升级 → the 局领导 over the school (county-wide ones and the 学区's), and the 教育局管理员;
 * - nearing the current time limit (签收/答复 by the school, 办结 by the bureau after 回访), counted on the
 *   county's working-day calendar → the one who must act next.
 */
export const CASES_LINK = '/surveys/cases';

export type CaseStage = 'accept' | 'reply' | 'close';

export function handlerOf(schoolId: number | null, stage: CaseStage | null): Recipient[] {
  if (schoolId === null || stage === 'close') return bureauAdminsOf(schoolId);
  return [
    { role: 'school_admin', schoolId },
    { role: 'school_director', schoolId },
  ];
}

function bureauAdminsOf(schoolId: number | null): Recipient[] {
  return [schoolId === null ? { role: 'bureau_admin', county: true } : { role: 'bureau_admin', schoolId }];
}

export async function notifyUrge(
  trx: Transaction<Database>,
  countyId: number,
  c: { id: number; title: string; school_id: number | null; urge_count: number },
  escalate: boolean,
): Promise<void> {
  const n = c.urge_count + 1;
  await notify(trx, {
    countyId,
    recipients: escalate
      ? [
          c.school_id === null
            ? { role: 'bureau_leader', county: true }
            : { role: 'bureau_leader', schoolId: c.school_id },
          ...bureauAdminsOf(c.school_id),
        ]
      : handlerOf(c.school_id, 'reply'),
    kind: escalate ? 'surveys.case_escalated' : 'surveys.case_urged',
    title: escalate ? `诉求超期升级至局领导：${c.title}` : `诉求催办（第 ${n} 次）：${c.title}`,
    link: CASES_LINK,
    dedupeKey: `case:${c.id}:${escalate ? 'escalate' : 'urge'}:${n}`,
  });
}

export interface OpenCase extends CaseClock {
  id: number;
  state: CaseState;
}

export interface CaseDueSoon {
  caseId: number;
  stage: CaseStage;
  due: Date;
  /** Working days from today to the due day: 0 = due today. */
  workingDaysLeft: number;
}

/**
 * The open cases whose current time limit is not yet past and ends within `withinWorkingDays` working days of
 * `now` (China dates; days left = working days in (today, due day]). Pure: the clock and calendar are arguments.
 */
export function casesDueSoon(
  cal: WorkingCalendar,
  cases: readonly OpenCase[],
  now: Date,
  withinWorkingDays: number,
): CaseDueSoon[] {
  const today = cstDate(now);
  const out: CaseDueSoon[] = [];
  for (const c of cases) {
    const d = caseDue(cal, c, now);
    if (d.stage === null || d.due === null || d.overdue) continue;
    const left = cal.workingDaysBetween(today, cstDate(d.due));
    if (left <= withinWorkingDays) out.push({ caseId: c.id, stage: d.stage, due: d.due, workingDaysLeft: left });
  }
  return out;
}

const STAGE_LABEL: Record<CaseStage, string> = { accept: '签收', reply: '答复', close: '办结' };

export async function notifyDueSoon(
  trx: Transaction<Database>,
  countyId: number,
  c: { id: number; title: string; school_id: number | null },
  d: CaseDueSoon,
): Promise<number> {
  const day = cstDate(d.due);
  return notify(trx, {
    countyId,
    recipients: handlerOf(c.school_id, d.stage),
    kind: 'surveys.case_due_soon',
    title: `诉求即将到期（${STAGE_LABEL[d.stage]}时限 ${day}）：${c.title}`,
    link: CASES_LINK,
    dedupeKey: `case:${c.id}:due:${d.stage}:${day}`,
  });
}
