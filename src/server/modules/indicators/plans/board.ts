import { cstDate, type Recurrence } from '../../../../common/calendar/index.js';
import { contractStatus, type Status } from '../../../../common/indicators/index.js';
import type { Db } from '../../../db/pool.js';
import { loadWorkingCalendar } from '../../../platform/calendar.js';
import { todayInChina } from '../../org/shared.js';
import type { LeadingGroupMember } from '../tables.js';
import { unitText } from '../units.js';
import { attainmentOf, indicatorValue, loadIndicator, loadPeriod, type TargetRow } from '../values.js';
import { occurrenceState, reportKey, reportsOf, taskDues } from './tasks-due.js';

/** Everything the plan page, the 挂图作战 board, the 总结 and the 进展通报 show of one plan, computed on `now`. */
export interface PlanView {
  plan: {
    id: number;
    kind: string;
    title: string;
    ownerLevel: 'county' | 'school';
    ownerId: number;
    ownerName: string;
    startDate: string;
    endDate: string;
    basis: string | null;
    leadingGroup: LeadingGroupMember[];
    filingDue: string | null;
    summaryStyle: string;
    parentPlanId: number | null;
  };
  phases: { id: number; name: string; startDate: string; endDate: string; state: 'done' | 'current' | 'upcoming' }[];
  goals: GoalView[];
  tasks: TaskView[];
}

export interface GoalView {
  id: number;
  targetId: number;
  indicatorId: number;
  code: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  orgUnit: string;
  orgUnitName: string;
  periodName: string;
  kind: string;
  changeMode: string | null;
  baseline: number | null;
  target: number | null;
  value: number | null;
  gap: number | null;
  status: Status;
  contractStatus: 'green' | 'amber' | 'red' | 'none';
  source: { key: string; module: string; available: boolean; ref: string; computedAt: Date | null };
}

export interface UnitProgress {
  /** null for a department (责任部门) rather than a school. */
  schoolId: number | null;
  name: string;
  /** The latest due date up to today (or the first one ahead when none is past). */
  dueDate: string | null;
  /** done / done_late / overdue / open for that due date; 'none' when the task has no due date in the span. */
  state: 'done' | 'done_late' | 'overdue' | 'open' | 'none';
  lastStatus: string | null;
  dueCount: number;
  doneOnTime: number;
  overdueCount: number;
}

export interface TaskView {
  id: number;
  phaseId: number | null;
  title: string;
  description: string;
  leadUnit: string;
  responsiblePerson: string;
  dueDate: string | null;
  recurrence: Recurrence | null;
  evidenceRequired: string;
  units: UnitProgress[];
  overdue: number;
}

type PlanRowDb = {
  id: number;
  kind: string;
  title: string;
  owner_level: 'county' | 'school';
  owner_id: number;
  start_date: string;
  end_date: string;
  basis: string | null;
  leading_group: LeadingGroupMember[];
  filing_due: string | null;
  summary_style: string;
  parent_plan_id: number | null;
};

export async function loadPlan(db: Db, countyId: number, id: number): Promise<PlanRowDb | undefined> {
  return (await db
    .selectFrom('plans')
    .select([
      'id',
      'kind',
      'title',
      'owner_level',
      'owner_id',
      'start_date',
      'end_date',
      'basis',
      'leading_group',
      'filing_due',
      'summary_style',
      'parent_plan_id',
    ])
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst()) as PlanRowDb | undefined;
}

async function unitName(db: Db, countyId: number, level: string, id: number): Promise<string> {
  if (level === 'school') {
    const s = await db
      .selectFrom('schools')
      .select('name')
      .where('county_id', '=', countyId)
      .where('id', '=', id)
      .executeTakeFirst();
    return s?.name ?? `#${id}`;
  }
  const r = await db.selectFrom('regions').select('name').where('id', '=', id).executeTakeFirst();
  return r?.name ?? `#${id}`;
}

/** The goals of a plan with their attainment now (values from the sources). */
export async function goalViews(
  db: Db,
  countyId: number,
  planId: number,
  opts: { refresh?: boolean } = {},
): Promise<GoalView[]> {
  const goals = await db
    .selectFrom('plan_goals as g')
    .innerJoin('indicator_targets as t', (j) =>
      j.onRef('t.county_id', '=', 'g.county_id').onRef('t.id', '=', 'g.target_id'),
    )
    .select(['g.id as goal_id'])
    .selectAll('t')
    .where('g.county_id', '=', countyId)
    .where('g.plan_id', '=', planId)
    .orderBy('g.sort')
    .orderBy('g.id')
    .execute();
  const out: GoalView[] = [];
  for (const g of goals) {
    const t = g as unknown as TargetRow & { goal_id: number };
    const ind = (await loadIndicator(db, countyId, t.indicator_id))!;
    const period = (await loadPeriod(db, countyId, t.period_id))!;
    const unit = { level: t.unit_level, id: t.unit_id } as const;
    const v = await indicatorValue(db, countyId, ind, unit, period, opts);
    const a = attainmentOf(t, ind, period, v.value);
    out.push({
      id: t.goal_id,
      targetId: t.id,
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      unit: ind.unit,
      direction: ind.direction,
      orgUnit: unitText(unit),
      orgUnitName: await unitName(db, countyId, t.unit_level, t.unit_id),
      periodName: period.name,
      kind: t.kind,
      changeMode: t.change_mode,
      baseline: t.baseline,
      target: a.target,
      value: a.value,
      gap: a.gap,
      status: a.status,
      contractStatus: contractStatus(a.status),
      source: { key: ind.source_key, module: v.module, available: v.available, ref: v.ref, computedAt: v.computedAt },
    });
  }
  return out;
}

/**
 * Task progress per responsible unit: every due date from the plan's start to today counts (dueCount); a due date
 * is met on time with a 'done' report by its deadline (doneOnTime) and overdue when its deadline passed without one.
 * The unit's shown state is that of its latest due date up to today (the next one when none has passed yet).
 */
export async function taskViews(
  db: Db,
  countyId: number,
  plan: PlanRowDb,
  now = new Date(),
  /** Only due dates in this window count (a quarter for 每季一通报); default the plan's whole span. */
  window: { from?: string; to?: string } = {},
): Promise<TaskView[]> {
  const tasks = await db
    .selectFrom('plan_tasks')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('plan_id', '=', plan.id)
    .orderBy('id')
    .execute();
  const schoolIds = [...new Set(tasks.flatMap((t) => t.responsible_school_ids.map(Number)))];
  const schools = schoolIds.length
    ? await db
        .selectFrom('schools')
        .select(['id', 'name'])
        .where('county_id', '=', countyId)
        .where('id', 'in', schoolIds)
        .execute()
    : [];
  const nameOf = new Map(schools.map((s) => [s.id, s.name]));
  const calendar = await loadWorkingCalendar(db, countyId);
  const reports = await reportsOf(
    db,
    countyId,
    tasks.map((t) => t.id),
  );
  const today = cstDate(now);
  return tasks.map((t) => {
    const rec = t.recurrence as Recurrence | null;
    const from = window.from && window.from > plan.start_date ? window.from : plan.start_date;
    const to = window.to && window.to < plan.end_date ? window.to : plan.end_date;
    const all = taskDues({ due_date: t.due_date, recurrence: rec }, from, to, calendar);
    const units: { schoolId: number | null; name: string }[] = [
      ...t.responsible_school_ids.map((id) => ({ schoolId: Number(id), name: nameOf.get(Number(id)) ?? `#${id}` })),
      ...(t.responsible_school_ids.length === 0
        ? [{ schoolId: null, name: t.responsible_depts.join('、') || t.lead_unit }]
        : []),
    ];
    const views: UnitProgress[] = units.map((u) => {
      let dueCount = 0;
      let doneOnTime = 0;
      let overdueCount = 0;
      let shown: { date: string; state: UnitProgress['state']; status: string | null } | null = null;
      for (const d of all) {
        const date = cstDate(d);
        const s = occurrenceState(d, reports.get(reportKey(t.id, u.schoolId, date)), now);
        if (date <= today || s.state !== 'open') {
          if (s.state !== 'open') dueCount += 1;
          if (s.state === 'done') doneOnTime += 1;
          if (s.state === 'overdue') overdueCount += 1;
          shown = { date, state: s.state, status: s.status };
        } else if (!shown) {
          shown = { date, state: s.state, status: s.status };
          break;
        } else break;
      }
      return {
        ...u,
        dueDate: shown?.date ?? null,
        state: shown?.state ?? 'none',
        lastStatus: shown?.status ?? null,
        dueCount,
        doneOnTime,
        overdueCount,
      };
    });
    return {
      id: t.id,
      phaseId: t.phase_id,
      title: t.title,
      description: t.description,
      leadUnit: t.lead_unit,
      responsiblePerson: t.responsible_person,
      dueDate: t.due_date,
      recurrence: rec,
      evidenceRequired: t.evidence_required,
      units: views,
      overdue: views.reduce((a, u) => a + u.overdueCount, 0),
    };
  });
}

export async function planView(
  db: Db,
  countyId: number,
  plan: PlanRowDb,
  opts: { refresh?: boolean; now?: Date } = {},
): Promise<PlanView> {
  const today = opts.now ? cstDate(opts.now) : todayInChina();
  const phases = await db
    .selectFrom('plan_phases')
    .select(['id', 'name', 'start_date', 'end_date'])
    .where('county_id', '=', countyId)
    .where('plan_id', '=', plan.id)
    .orderBy('sort')
    .orderBy('start_date')
    .execute();
  return {
    plan: {
      id: plan.id,
      kind: plan.kind,
      title: plan.title,
      ownerLevel: plan.owner_level,
      ownerId: plan.owner_id,
      ownerName: await unitName(db, countyId, plan.owner_level, plan.owner_id),
      startDate: plan.start_date,
      endDate: plan.end_date,
      basis: plan.basis,
      leadingGroup: plan.leading_group,
      filingDue: plan.filing_due,
      summaryStyle: plan.summary_style,
      parentPlanId: plan.parent_plan_id,
    },
    phases: phases.map((p) => ({
      id: p.id,
      name: p.name,
      startDate: p.start_date,
      endDate: p.end_date,
      state: p.end_date < today ? 'done' : p.start_date > today ? 'upcoming' : 'current',
    })),
    goals: await goalViews(db, countyId, plan.id, opts),
    tasks: await taskViews(db, countyId, plan, opts.now),
  };
}
