import {
  evaluateRule,
  type IsoDate,
  type Period,
  type QuotaResult,
  type QuotaStatus,
  type SchoolCalendar,
} from '../../../common/activities/index.js';
import type { Db } from '../../db/pool.js';
import { ensureCountyDefaults } from './defaults.js';
import { type CountyData, loadCounty, peopleFor, type RuleRow, toEngineRule } from './engine-input.js';

/**
 * Quota compliance of a county as of a day: every active rule evaluated by the engine, narrowed to the rule's
 * current period — the period containing `asOf` (or the last one begun, between terms). A week rule's current period
 * is the current term: its group-weeks begun in that term are folded into one row per group (weeks met / weeks begun;
 * behind when a finished week was missed, see foldWeeks).
 */

export interface SubjectRow {
  ruleId: number;
  scope: 'person' | 'group' | 'school';
  subjectId: string;
  schoolId: string;
  periodId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  measured: number;
  target: number;
  expectedToDate: number;
  presentShare: number;
  status: QuotaStatus;
  shortfall: number;
  recordIds: string[];
}

export interface RuleCompliance {
  rule: RuleRow;
  period: { id: string; start: IsoDate; end: IsoDate; kind: string } | null;
  rows: SubjectRow[];
}

export async function activeRules(db: Db, countyId: number): Promise<RuleRow[]> {
  await ensureCountyDefaults(db, countyId);
  return (await db
    .selectFrom('activity_quota_rules')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('active', '=', true)
    .orderBy('id')
    .execute()) as RuleRow[];
}

/** The current period among those the engine produced: containing asOf, else the latest begun. */
export function currentPeriod(periods: readonly Period[], asOf: IsoDate): Period | null {
  const containing = periods.filter((p) => p.start <= asOf && asOf <= p.end);
  if (containing.length > 0) return containing[containing.length - 1];
  const begun = periods.filter((p) => p.start <= asOf).sort((a, b) => a.start.localeCompare(b.start));
  return begun[begun.length - 1] ?? null;
}

/**
 * A group's weeks of one term as one row: measured = weeks met, target = weeks begun, expected-to-date = weeks
 * finished; status met when every begun week is met, not_met once the term is over with a missed week, behind when a
 * finished week was missed, else on track.
 */
export function foldWeeks(
  results: readonly QuotaResult[],
  term: { id: string; start: IsoDate; end: IsoDate },
  asOf: IsoDate,
  ruleId: number,
): SubjectRow[] {
  const bySubject = new Map<string, QuotaResult[]>();
  for (const r of results) {
    if (!r.period.id.startsWith(`${term.id}:W`)) continue;
    bySubject.set(r.subjectId, [...(bySubject.get(r.subjectId) ?? []), r]);
  }
  return [...bySubject.entries()].map(([subjectId, weeks]) => {
    const met = weeks.filter((w) => w.met).length;
    const finished = weeks.filter((w) => w.finished);
    const missed = finished.filter((w) => !w.met).length;
    const termOver = asOf >= term.end;
    const status: QuotaStatus =
      met === weeks.length ? 'met' : termOver ? 'not_met' : missed > 0 ? 'behind' : 'on_track';
    return {
      ruleId,
      scope: 'group' as const,
      subjectId,
      schoolId: weeks[0].schoolId,
      periodId: term.id,
      periodStart: term.start,
      periodEnd: term.end,
      measured: met,
      target: weeks.length,
      expectedToDate: finished.length,
      presentShare: 1,
      status,
      shortfall: weeks.length - met,
      recordIds: weeks.flatMap((w) => w.recordIds),
    };
  });
}

/**
 * Only the school years that can hold a current period (the one containing asOf, or the last begun before it):
 * earlier years' terms and weeks would be evaluated by the engine for nothing. Calendar years and 5-year windows do
 * not depend on the years kept (they run to asOf's year).
 */
export function recentCalendar(calendar: SchoolCalendar, asOf: IsoDate): SchoolCalendar {
  const begun = calendar.years.filter((y) => y.start <= asOf);
  const last = begun[begun.length - 1];
  return { years: begun.filter((y) => y.end >= asOf || y === last) };
}

export function evaluateCompliance(rules: readonly RuleRow[], data: CountyData, asOf: IsoDate): RuleCompliance[] {
  data = { ...data, calendar: recentCalendar(data.calendar, asOf) };
  return rules.map((rule) => {
    const engineRule = toEngineRule(rule);
    const results = evaluateRule(engineRule, {
      rules: [engineRule],
      people: peopleFor(rule, data.people),
      groups: data.groups,
      families: data.families,
      records: data.records,
      calendar: data.calendar,
      asOf,
    });
    if (rule.period === 'week') {
      const terms = data.calendar.years.flatMap((y) => y.terms).map((t) => ({ ...t, kind: 'term' as const }));
      const term = currentPeriod(terms, asOf);
      if (!term) return { rule, period: null, rows: [] };
      return {
        rule,
        period: { id: term.id, start: term.start, end: term.end, kind: 'term' },
        rows: foldWeeks(results, term, asOf, rule.id),
      };
    }
    const unique = [...new Map(results.map((r) => [r.period.id, r.period])).values()];
    const period = currentPeriod(unique, asOf);
    if (!period) return { rule, period: null, rows: [] };
    const rows = results
      .filter((r) => r.period.id === period.id)
      .map(
        (r): SubjectRow => ({
          ruleId: rule.id,
          scope: r.scope,
          subjectId: r.subjectId,
          schoolId: r.schoolId,
          periodId: r.period.id,
          periodStart: r.period.start,
          periodEnd: r.period.end,
          measured: r.measured,
          target: r.target,
          expectedToDate: r.expectedToDate,
          presentShare: r.presentShare,
          status: r.status,
          shortfall: r.shortfall,
          recordIds: r.recordIds,
        }),
      );
    return { rule, period: { id: period.id, start: period.start, end: period.end, kind: period.kind }, rows };
  });
}

type CountyCompliance = { data: CountyData; rules: RuleCompliance[] };
const inFlight = new WeakMap<Db, Map<string, Promise<CountyCompliance>>>();

/**
 * The county's compliance as of a day. Requests arriving while the same county and day are being computed share
 * that computation (a page asks for the summary and the caller's own rows at once); nothing is kept afterwards, so a
 * new record shows in the next request.
 */
export function countyCompliance(db: Db, countyId: number, asOf: IsoDate): Promise<CountyCompliance> {
  const running = inFlight.get(db) ?? new Map<string, Promise<CountyCompliance>>();
  inFlight.set(db, running);
  const key = `${countyId}|${asOf}`;
  const existing = running.get(key);
  if (existing) return existing;
  const work = (async () => {
    const [rules, data] = await Promise.all([activeRules(db, countyId), loadCounty(db, countyId, asOf)]);
    return { data, rules: evaluateCompliance(rules, data, asOf) };
  })().finally(() => running.delete(key));
  running.set(key, work);
  return work;
}

/** Counts of a set of rows: subjects, met, met or on track, behind (behind or not met), and the shares. */
export function tally(rows: readonly SubjectRow[]) {
  const subjects = rows.length;
  const met = rows.filter((r) => r.status === 'met').length;
  const ok = rows.filter((r) => r.status === 'met' || r.status === 'on_track').length;
  return {
    subjects,
    met,
    ok,
    behind: subjects - ok,
    shareMet: subjects === 0 ? null : met / subjects,
    shareOk: subjects === 0 ? null : ok / subjects,
  };
}
