import { sql } from 'kysely';
import { cstDate, cstInstant, type Recurrence } from '../../../common/calendar/index.js';
import type { Db } from '../../db/pool.js';
import { loadWorkingCalendar } from '../../platform/calendar.js';
import { todayInChina } from '../org/shared.js';
import { asOfDay } from './org-sources.js';
import { occurrenceState, reportKey, reportsOf, taskDues } from './plans/tasks-due.js';
import type { IndicatorQuery, IndicatorSource } from './sources.js';
import { schoolInUnit } from './units.js';

/**
 * Sources this module provides itself: hand-entered values (with evidence, counted once approved) and two numbers
 * from the plans: task completion and plan filing.
 */

/** 手工录入: the latest approved value for the indicator, unit and period; null when none is approved. */
export const manualSource: IndicatorSource = {
  key: 'indicators.manual',
  module: 'indicators',
  name: { zh: '手工录入（附证明材料，经审核）', en: 'Entered by hand (with evidence, approved)' },
  unit: 'index',
  direction: 'higher',
  levels: ['county', 'region', 'school'],
  params: {},
  async compute(db, q) {
    if (q.indicatorId === undefined || q.periodId === undefined)
      return { value: null, ref: '手工录入', computedAt: new Date() };
    const row = await db
      .selectFrom('indicator_manual_values')
      .select(['id', 'value', 'evidence_note', 'reviewed_at'])
      .where('county_id', '=', q.countyId)
      .where('indicator_id', '=', q.indicatorId)
      .where('period_id', '=', q.periodId)
      .where('unit_level', '=', q.unit.level)
      .where('unit_id', '=', q.unit.id)
      .where('status', '=', 'approved')
      .orderBy('reviewed_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!row) return { value: null, ref: '手工录入：尚无审核通过的值', computedAt: new Date() };
    return {
      value: Number(row.value),
      ref: `手工录入 #${row.id}（${row.evidence_note}）`,
      computedAt: row.reviewed_at ?? new Date(),
    };
  },
};

/**
 * 任务按期完成率 = due occurrences (of tasks whose 责任单位 include a school of the unit, in the period) settled on
 * asOf — deadline passed, or already reported done — with a 'done' report by their deadline ÷ those occurrences,
 * counted per (task, school, due date); a task done ahead of a later deadline counts as done on time, as on the board.
 * Param recurrence: 'weekly' | 'monthly' counts only tasks with that rule (周报按时报送率 = weekly). Null when nothing
 * was due.
 */
export const taskCompletionSource: IndicatorSource = {
  key: 'indicators.taskCompletion',
  module: 'indicators',
  name: { zh: '方案任务按期完成率', en: 'Plan tasks done on time' },
  unit: 'percent',
  direction: 'higher',
  levels: ['county', 'region', 'school'],
  params: { recurrence: "只计该周期的任务：'weekly' 或 'monthly'（不填 = 全部任务）" },
  checkParams(p) {
    if (p.recurrence !== undefined && p.recurrence !== 'weekly' && p.recurrence !== 'monthly')
      return "recurrence 须为 'weekly' 或 'monthly'";
    return null;
  },
  async compute(db, q) {
    const r = await taskCompletion(db, q);
    return {
      value: r.due === 0 ? null : r.onTime / r.due,
      n: r.due,
      ref: `方案任务 ${r.onTime}/${r.due}（截至${r.asOf}）`,
      computedAt: new Date(),
    };
  },
};

/** Counts behind 任务按期完成率 (see taskCompletionSource). */
export async function taskCompletion(db: Db, q: IndicatorQuery) {
  const calendar = await loadWorkingCalendar(db, q.countyId);
  const asOf = asOfDay(q);
  let tq = db
    .selectFrom('plan_tasks as t')
    .innerJoin('plans as p', (j) => j.onRef('p.county_id', '=', 't.county_id').onRef('p.id', '=', 't.plan_id'))
    .select(['t.id', 't.due_date', 't.recurrence', 't.responsible_school_ids'])
    .where('t.county_id', '=', q.countyId)
    .where('p.archived_at', 'is', null);
  const kind = q.params.recurrence;
  if (kind === 'weekly' || kind === 'monthly') tq = tq.where(sql<boolean>`t.recurrence->>'kind' = ${kind}`);
  const tasks = await tq.execute();
  const schools = await db
    .selectFrom('schools as s')
    .select('s.id')
    .where('s.county_id', '=', q.countyId)
    .where(schoolInUnit('s.id', q.countyId, q.unit))
    .execute();
  const inUnit = new Set(schools.map((s) => s.id));
  const reports = await reportsOf(
    db,
    q.countyId,
    tasks.map((t) => t.id),
  );
  const now = cstInstant(asOf);
  let due = 0;
  let onTime = 0;
  for (const t of tasks) {
    const dues = taskDues(
      { due_date: t.due_date, recurrence: t.recurrence as Recurrence | null },
      q.period.from,
      q.period.to,
      calendar,
    );
    for (const schoolId of t.responsible_school_ids.map(Number)) {
      if (!inUnit.has(schoolId)) continue;
      for (const d of dues) {
        const s = occurrenceState(d, reports.get(reportKey(t.id, schoolId, cstDate(d))), now);
        if (s.state === 'open') continue;
        due += 1;
        if (s.state === 'done') onTime += 1;
      }
    }
  }
  return { due, onTime, asOf };
}

/**
 * 学校方案按时报送率 = schools of the unit that filed a plan on or before the filing date of a county plan whose
 * filing date falls in the period (counted once per plan and school) ÷ (such plans × the unit's schools). Null when
 * no plan of the period asks for filings.
 */
export const planFilingSource: IndicatorSource = {
  key: 'indicators.planFilingRate',
  module: 'indicators',
  name: { zh: '学校方案按时报送率', en: 'School plans filed on time' },
  unit: 'percent',
  direction: 'higher',
  levels: ['county', 'region'],
  params: {},
  async compute(db, q) {
    const plans = await db
      .selectFrom('plans')
      .select(['id', 'filing_due'])
      .where('county_id', '=', q.countyId)
      .where('archived_at', 'is', null)
      .where('filing_due', '>=', q.period.from)
      .where('filing_due', '<=', q.period.to)
      .execute();
    const schools = await db
      .selectFrom('schools as s')
      .select('s.id')
      .where('s.county_id', '=', q.countyId)
      .where('s.archived_at', 'is', null)
      .where(schoolInUnit('s.id', q.countyId, q.unit))
      .execute();
    const expected = plans.length * schools.length;
    if (expected === 0) return { value: null, ref: '无要求报送的方案', computedAt: new Date() };
    const filings = await db
      .selectFrom('plan_filings')
      .select(['plan_id', 'school_id', 'submitted_at'])
      .where('county_id', '=', q.countyId)
      .where(
        'plan_id',
        'in',
        plans.map((p) => p.id),
      )
      .execute();
    const dueOf = new Map(plans.map((p) => [p.id, p.filing_due as string]));
    const ids = new Set(schools.map((s) => s.id));
    const onTime = filings.filter(
      (f) => ids.has(f.school_id) && new Date(f.submitted_at) <= new Date(`${dueOf.get(f.plan_id)}T23:59:59+08:00`),
    ).length;
    return {
      value: onTime / expected,
      n: expected,
      ref: `方案报送 ${onTime}/${expected}（截至${todayInChina()}）`,
      computedAt: new Date(),
    };
  },
};
