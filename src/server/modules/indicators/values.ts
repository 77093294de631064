import type { Kysely, Transaction } from 'kysely';
import { type Attainment, attainment, type Status, type TargetRule, trend } from '../../../common/indicators/index.js';
import type { Db } from '../../db/pool.js';
import type { Database } from '../../db/types.js';
import { todayInChina } from '../org/shared.js';
import { type IndicatorUnit, indicatorSource } from './sources.js';

/** A computed value is reused for this long before it is recomputed (a request may also ask for a fresh one). */
export const STALE_AFTER_MS = 10 * 60 * 1000;

export interface IndicatorRow {
  id: number;
  code: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  definition: string;
  level: string;
  source_key: string;
  params: Record<string, unknown>;
}

export interface PeriodRow {
  id: number;
  kind: string;
  name: string;
  start_date: string;
  end_date: string;
  school_year_id: number | null;
  term_id: number | null;
}

export interface TargetRow {
  id: number;
  indicator_id: number;
  unit_level: 'county' | 'region' | 'school';
  unit_id: number;
  period_id: number;
  kind: 'absolute' | 'change' | 'rank' | 'count';
  value: number | null;
  delta: number | null;
  change_mode: 'points' | 'relative' | null;
  among: string | null;
  baseline: number | null;
  split_from_id: number | null;
  citation: string | null;
}

export interface SourcedValue {
  value: number | null;
  /** False when the indicator's source is not registered on this server (its module is absent): no value. */
  available: boolean;
  module: string;
  ref: string;
  computedAt: Date | null;
  n: number | null;
}

/**
 * The indicator's value for a unit and period, from its source: the cached one while younger than STALE_AFTER_MS,
 * else computed now and cached. A source that is not registered gives `available: false` and no value.
 */
export async function indicatorValue(
  db: Db,
  countyId: number,
  ind: IndicatorRow,
  unit: IndicatorUnit,
  period: PeriodRow,
  opts: { refresh?: boolean } = {},
): Promise<SourcedValue> {
  const module = ind.source_key.split('.')[0];
  const source = indicatorSource(ind.source_key);
  if (!source) return { value: null, available: false, module, ref: ind.source_key, computedAt: null, n: null };
  const key = {
    county_id: countyId,
    indicator_id: ind.id,
    unit_level: unit.level,
    unit_id: unit.id,
    period_id: period.id,
  };
  if (!opts.refresh) {
    const cached = await db
      .selectFrom('indicator_value_cache')
      .selectAll()
      .where('county_id', '=', countyId)
      .where('indicator_id', '=', ind.id)
      .where('unit_level', '=', unit.level)
      .where('unit_id', '=', unit.id)
      .where('period_id', '=', period.id)
      .executeTakeFirst();
    if (cached && Date.now() - new Date(cached.computed_at).getTime() < STALE_AFTER_MS)
      return {
        value: cached.value,
        available: true,
        module,
        ref: cached.ref,
        computedAt: cached.computed_at,
        n: cached.n,
      };
  }
  const v = await source.compute(db, {
    countyId,
    unit,
    period: {
      from: period.start_date,
      to: period.end_date,
      termId: period.term_id ?? undefined,
      schoolYearId: period.school_year_id ?? undefined,
    },
    params: ind.params ?? {},
    indicatorId: ind.id,
    periodId: period.id,
  });
  const row = { ...key, value: v.value, n: v.n ?? null, ref: v.ref, computed_at: v.computedAt };
  await db
    .insertInto('indicator_value_cache')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['county_id', 'indicator_id', 'unit_level', 'unit_id', 'period_id'])
        .doUpdateSet({ value: v.value, n: v.n ?? null, ref: v.ref, computed_at: v.computedAt }),
    )
    .execute();
  return {
    value: v.value,
    available: true,
    module: source.module,
    ref: v.ref,
    computedAt: v.computedAt,
    n: v.n ?? null,
  };
}

/** Forgets cached values of an indicator (after a hand-entered value is approved, or its source changes). */
export async function dropCachedValues(db: Db, countyId: number, indicatorId: number): Promise<void> {
  await db
    .deleteFrom('indicator_value_cache')
    .where('county_id', '=', countyId)
    .where('indicator_id', '=', indicatorId)
    .execute();
}

/** The engine's rule of a stored target. */
export function ruleOf(t: TargetRow): TargetRule {
  switch (t.kind) {
    case 'absolute':
      return { kind: 'absolute', value: t.value as number };
    case 'count':
      return { kind: 'count', value: t.value as number };
    case 'rank':
      return { kind: 'rank', atMost: t.value as number, among: t.among ?? undefined };
    case 'change':
      return { kind: 'change', delta: t.delta as number, mode: t.change_mode ?? 'points' };
  }
}

export function periodOf(p: PeriodRow) {
  return { id: String(p.id), name: p.name, start: p.start_date, end: p.end_date };
}

/** Attainment of a target given the current value (engine: src/common/indicators/attainment.ts). */
export function attainmentOf(
  t: TargetRow,
  ind: IndicatorRow,
  period: PeriodRow,
  value: number | null,
  asOf = todayInChina(),
): Attainment {
  return attainment({
    rule: ruleOf(t),
    direction: ind.direction,
    baseline: t.baseline,
    value,
    period: periodOf(period),
    asOf,
  });
}

/** The trend over the periods of the same kind up to this one (values from the sources, oldest first). */
export async function trendOf(db: Db, countyId: number, ind: IndicatorRow, unit: IndicatorUnit, period: PeriodRow) {
  const periods = await db
    .selectFrom('indicator_periods')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('kind', '=', period.kind as 'year')
    .where('end_date', '<=', period.end_date)
    .orderBy('start_date', 'desc')
    .limit(4)
    .execute();
  const points: { period: string; value: number | null }[] = [];
  for (const p of periods.reverse())
    points.push({ period: p.name, value: (await indicatorValue(db, countyId, ind, unit, p)).value });
  return {
    points,
    trend: trend(
      points.map((p) => p.value),
      ind.direction,
    ),
  };
}

export async function loadIndicatorByCode(db: Db, countyId: number, code: string): Promise<IndicatorRow | undefined> {
  return (await db
    .selectFrom('indicators')
    .select(['id', 'code', 'name', 'unit', 'direction', 'definition', 'level', 'source_key', 'params'])
    .where('county_id', '=', countyId)
    .where('code', '=', code)
    .where('archived_at', 'is', null)
    .executeTakeFirst()) as IndicatorRow | undefined;
}

export async function loadIndicator(db: Db, countyId: number, id: number): Promise<IndicatorRow | undefined> {
  return (await db
    .selectFrom('indicators')
    .select(['id', 'code', 'name', 'unit', 'direction', 'definition', 'level', 'source_key', 'params'])
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .executeTakeFirst()) as IndicatorRow | undefined;
}

export async function loadPeriod(db: Db, countyId: number, id: number): Promise<PeriodRow | undefined> {
  return db
    .selectFrom('indicator_periods')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function loadTarget(db: Db, countyId: number, id: number): Promise<TargetRow | undefined> {
  return (await db
    .selectFrom('indicator_targets')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .executeTakeFirst()) as TargetRow | undefined;
}

/** The target of an indicator for a unit and period, if one is set. */
export async function findTarget(db: Db, countyId: number, indicatorId: number, unit: IndicatorUnit, periodId: number) {
  return (await db
    .selectFrom('indicator_targets')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('indicator_id', '=', indicatorId)
    .where('unit_level', '=', unit.level as 'school')
    .where('unit_id', '=', unit.id)
    .where('period_id', '=', periodId)
    .executeTakeFirst()) as TargetRow | undefined;
}

/** One school's attainment row under a split county target, for "schools that miss theirs". */
export interface SchoolAttainmentRow {
  schoolId: number;
  schoolName: string;
  value: number | null;
  target: number | null;
  gap: number | null;
  status: Status;
}

/** The school targets split from a target, each with its attainment. */
export async function childAttainments(
  db: Db,
  countyId: number,
  parent: TargetRow,
  ind: IndicatorRow,
  period: PeriodRow,
) {
  const children = (await db
    .selectFrom('indicator_targets as t')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 't.county_id').onRef('s.id', '=', 't.unit_id'))
    .selectAll('t')
    .select('s.name as school_name')
    .where('t.county_id', '=', countyId)
    .where('t.split_from_id', '=', parent.id)
    .where('t.unit_level', '=', 'school')
    .orderBy('s.code')
    .execute()) as (TargetRow & { school_name: string })[];
  const out: SchoolAttainmentRow[] = [];
  for (const c of children) {
    const v = await indicatorValue(db, countyId, ind, { level: 'school', id: c.unit_id }, period);
    const a = attainmentOf(c, ind, period, v.value);
    out.push({
      schoolId: c.unit_id,
      schoolName: c.school_name,
      value: a.value,
      target: a.target,
      gap: a.gap,
      status: a.status,
    });
  }
  return out;
}

/**
 * A module's data changed (an exam analysed, fitness results imported …): forget every cached value of the indicators
 * bound to that module's sources, in the writer's transaction, so attainment is recomputed on its next read instead
 * of after STALE_AFTER_MS. Cheap (one indexed DELETE); call it on writes that change a source's numbers.
 */
export async function sourceDataChanged(
  db: Kysely<Database> | Transaction<Database>,
  countyId: number,
  module: string,
): Promise<void> {
  await db
    .deleteFrom('indicator_value_cache')
    .where('county_id', '=', countyId)
    .where('indicator_id', 'in', (qb) =>
      qb
        .selectFrom('indicators')
        .select('id')
        .where('county_id', '=', countyId)
        .where('source_key', 'like', `${module}.%`),
    )
    .execute();
}

/**
 * The module whose indicator sources an audited write can change, from the audited entity (or import kind):
 * `exam…` exams, `health…` health, `insp_…` inspections, `survey…`/`case…` surveys, `activity_…` activities,
 * `plan…`/`indicator_manual_value` indicators (its own sources), the registry's entities org. Null for the rest.
 */
export function moduleOfAuditedEntity(entity: string): string | null {
  if (entity.startsWith('exam')) return 'exams';
  if (entity.startsWith('health')) return 'health';
  if (entity.startsWith('insp_')) return 'inspections';
  if (entity.startsWith('survey') || entity.startsWith('case')) return 'surveys';
  if (entity.startsWith('activity_')) return 'activities';
  if (entity.startsWith('plan') || entity === 'indicator_manual_value') return 'indicators';
  if (ORG_ENTITIES.has(entity)) return 'org';
  return null;
}

/** Registry entities and their import kinds (org sources count students, classes and staff). */
const ORG_ENTITIES = new Set([
  ...['region', 'school', 'school_year', 'term', 'subject', 'staff', 'class', 'teaching_assignment', 'student'],
  ...['guardian', 'regions', 'schools', 'terms', 'subjects', 'classes', 'teaching-assignments', 'students'],
]);

/** The audit write hook of the indicators module (see moduleOfAuditedEntity). */
export async function forgetValuesOfAuditedModule(
  db: Kysely<Database>,
  countyId: number,
  entry: { entity: string },
): Promise<void> {
  const module = moduleOfAuditedEntity(entry.entity);
  if (module) await sourceDataChanged(db, countyId, module);
}
