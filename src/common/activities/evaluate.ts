/**
 * Quota evaluation: activity records + people + groups + families + the school calendar + the rules → for every rule,
 * subject (person, group or school) and period that has begun, the measured value, the target, met or not, the
 * shortfall and whether an unfinished period is on track. Pure: no database, no clock (the caller passes `asOf`).
 *
 * Rules of counting, stated once:
 * - A record counts for a period when its date lies in the period and is not after `asOf` (a future date is bad
 *   input, see checkRecord, and never counts).
 * - Presence pro rata (people who join or leave mid-period): a person's share of a period is the days they were
 *   present (from `joined` to `left`, inclusive) over the period's days. Their target is the full target × that share,
 *   rounded UP to a whole number for counts (40 lessons, present 70 of 140 days → 20; present 1 day of a school year
 *   → 1 open lesson still); hours are not rounded. A person not present at all in a period is not evaluated for it.
 * - Headcount (≥ half the teachers): the school's teachers counted by presence share (a teacher present half the
 *   term is 0.5), then target = ⌈factor × headcount⌉ — 9 full-term teachers → ⌈4.5⌉ = 5 open lessons.
 * - Groups (备课组) with a `from`/`until` are pro-rated the same way (a group founded mid-week owes that week's session
 *   when ⌈1 × days/7⌉ = 1, i.e. always); weeks wholly outside the group's life are not evaluated.
 * - Headcount rules evaluate only schools with a headcount > 0 of the role in the period (a bureau "school" of
 *   researchers owes no open lessons).
 * - Family coverage: distinct families of the school with ≥ 1 visit in the period / the school's families (whoever
 *   visited); only schools with families on record are evaluated.
 * - On track (unfinished period): expected-to-date = target × (days elapsed of the subject's presence up to `asOf`)
 *   / (days present in the period); for counts it is rounded DOWN (no one is behind for a fraction of a lesson), for
 *   hours and shares it is exact. On track iff measured ≥ expected-to-date. A period is finished once `asOf` ≥ its
 *   last day; then it is only met or not met.
 */
import {
  type DateRange,
  daysIn,
  type IsoDate,
  intersect,
  type Period,
  periodsOf,
  type SchoolCalendar,
  within,
} from './calendar.js';
import type { ActivityKind, QuotaRule } from './rules.js';

export interface Person {
  id: string;
  schoolId: string;
  /** e.g. 'teacher', 'researcher', 'principal', 'cadre', 'staff'. */
  roles: string[];
  /** Ids of the groups (备课组 / 教研组) the person belongs to (for views; the engine counts a group's records by
   * their `groupId`). */
  groups?: string[];
  /** First day in post; absent = before any period. */
  joined?: IsoDate;
  /** Last day in post; absent = still in post. */
  left?: IsoDate;
}

export interface Group {
  id: string;
  schoolId: string;
  /** '备课组' | '教研组' … */
  kind: string;
  subject?: string;
  /** First day of the group; absent = before any period. Weeks before it (or after `until`) are not evaluated. */
  from?: IsoDate;
  /** Last day of the group; absent = still running. */
  until?: IsoDate;
}

export interface Family {
  id: string;
  schoolId: string;
  category?: string;
}

export interface ActivityRecord {
  id: string;
  kind: ActivityKind;
  /** Who did it: the observer, the open lesson's host, the trainee, the visitor, the 主备人. */
  personId: string;
  date: IsoDate;
  /** Training hours (学时). */
  hours?: number;
  /** The group of a collective prep session. */
  groupId?: string;
  /** The family of a home visit. */
  familyId?: string;
  /** Finer kind: 推门听课, 研究课, 入户 … (matched against a rule's `subkinds`). */
  subkind?: string;
  /** The level of an open lesson or activity: 校级, 县级, 市级, 省级, 国家级 (matched against a rule's `levels`). */
  level?: string;
  /** An observation's observed teacher. */
  teacherId?: string;
  /** An observation's lesson slot on its day (节次: 1, 2, …). */
  lessonSlot?: number;
}

export interface EvaluationInput {
  rules: readonly QuotaRule[];
  people: readonly Person[];
  groups?: readonly Group[];
  families?: readonly Family[];
  records: readonly ActivityRecord[];
  calendar: SchoolCalendar;
  asOf: IsoDate;
}

export type QuotaStatus = 'met' | 'not_met' | 'on_track' | 'behind';

export interface QuotaResult {
  ruleId: string;
  period: Period;
  scope: 'person' | 'group' | 'school';
  subjectId: string;
  schoolId: string;
  measured: number;
  /** The rule's target before presence pro rata (for per-head rules: after headcount). */
  fullTarget: number;
  /** Days present / days of the period (1 for groups and schools). */
  presentShare: number;
  /** What the subject must reach by the end of the period. */
  target: number;
  /** What the subject should have reached by `asOf` (= target once the period is finished). */
  expectedToDate: number;
  finished: boolean;
  met: boolean;
  /** max(0, target − measured). */
  shortfall: number;
  status: QuotaStatus;
  /** The records counted, for drill-down. */
  recordIds: string[];
}

const EVER: DateRange = { start: '0000-01-01', end: '9999-12-31' };

/** Rounds to 12 significant digits, so that 72 × 0.7 is 50.4, not 50.400000000000006. */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** The days a person was in post during a period, or null when not at all. */
export function presenceIn(person: Pick<Person, 'joined' | 'left'>, period: DateRange): DateRange | null {
  return intersect(period, { start: person.joined ?? EVER.start, end: person.left ?? EVER.end });
}

/** Share of a period's days a person was present (0 when absent, 1 when present throughout). */
export function presenceShare(person: Pick<Person, 'joined' | 'left'>, period: DateRange): number {
  const p = presenceIn(person, period);
  return p ? daysIn(p) / daysIn(period) : 0;
}

/** Whether a measure is a whole-number count (rounded targets) rather than hours or a share. */
function isCount(rule: QuotaRule): boolean {
  return rule.measure === 'count' || rule.measure === 'distinct_families';
}

/**
 * A target scaled by a share of presence: full × share, rounded up for counts (≥ the pro-rata share in whole
 * lessons), exact for hours and shares.
 */
export function proRataTarget(full: number, share: number, count: boolean): number {
  const x = clean(full * share);
  return count ? Math.ceil(x) : x;
}

/**
 * Expected-to-date within a presence range: target × elapsed / present days, elapsed counting the presence days up
 * to and including `asOf`; rounded down for counts. Equals the target once `asOf` ≥ the end of the presence.
 */
export function expectedToDate(target: number, presence: DateRange, asOf: IsoDate, count: boolean): number {
  const total = daysIn(presence);
  const elapsed =
    asOf >= presence.end ? total : asOf < presence.start ? 0 : daysIn({ start: presence.start, end: asOf });
  const x = clean((target * elapsed) / total);
  return count ? Math.floor(x) : x;
}

/** Status from measured, target and expected-to-date: met, else not met when finished, else on track or behind. */
export function statusOf(measured: number, target: number, expected: number, finished: boolean): QuotaStatus {
  if (measured >= target) return 'met';
  if (finished) return 'not_met';
  return measured >= expected ? 'on_track' : 'behind';
}

/** Sums records into a measure: count, hours, distinct families (family_coverage is computed by the caller). */
export function measure(records: readonly ActivityRecord[], rule: QuotaRule): number {
  switch (rule.measure) {
    case 'count':
      return records.length;
    case 'hours':
      return clean(records.reduce((s, r) => s + (r.hours ?? 0), 0));
    case 'distinct_families':
    case 'family_coverage':
      return new Set(records.map((r) => r.familyId).filter((f) => f !== undefined)).size;
  }
}

/** Builds one result row. */
function result(
  rule: QuotaRule,
  period: Period,
  scope: QuotaResult['scope'],
  subjectId: string,
  schoolId: string,
  measured: number,
  fullTarget: number,
  presence: DateRange,
  asOf: IsoDate,
  recordIds: string[],
): QuotaResult {
  const count = isCount(rule);
  const presentShare = daysIn(presence) / daysIn(period);
  const target = proRataTarget(fullTarget, presentShare, count);
  const finished = asOf >= period.end;
  const expected = expectedToDate(target, presence, asOf, count);
  return {
    ruleId: rule.id,
    period,
    scope,
    subjectId,
    schoolId,
    measured,
    fullTarget,
    presentShare,
    target,
    expectedToDate: expected,
    finished,
    met: measured >= target,
    shortfall: Math.max(0, clean(target - measured)),
    status: statusOf(measured, target, expected, finished),
    recordIds,
  };
}

/**
 * Evaluates one rule over every period of its kind that has begun by `asOf`, for every subject it applies to.
 * Person rules: each person with the role present in the period; group rules: each group of the kind that exists in
 * the period; school rules: each school that has people, groups or families (see the header for the two exceptions).
 */
export function evaluateRule(rule: QuotaRule, input: EvaluationInput): QuotaResult[] {
  const { people, records, calendar, asOf } = input;
  const groups = input.groups ?? [];
  const families = input.families ?? [];
  const relevant = records.filter(
    (r) =>
      r.kind === rule.activity &&
      r.date <= asOf &&
      (!rule.subkinds || rule.subkinds.includes(r.subkind ?? '')) &&
      (!rule.levels || rule.levels.includes(r.level ?? '')),
  );
  const personById = new Map(people.map((p) => [p.id, p]));
  const familiesBySchool = groupBy(families, (f) => f.schoolId);
  const peopleBySchool = groupBy(people, (p) => p.schoolId);
  const out: QuotaResult[] = [];
  for (const period of periodsOf(rule.period, calendar, asOf)) {
    const inPeriod = relevant.filter((r) => within(r.date, period));
    // Indexed once per period: a county has thousands of people and tens of thousands of records.
    const byPerson = groupBy(inPeriod, (r) => r.personId);
    const byGroup = groupBy(inPeriod, (r) => r.groupId);
    const subject = rule.subject;
    if (subject.scope === 'person') {
      if (rule.target.kind !== 'fixed') throw new Error(`规则 ${rule.id}: 个人规则的目标必须是固定值`);
      for (const person of people) {
        if (!person.roles.includes(subject.role)) continue;
        const presence = presenceIn(person, period);
        if (!presence) continue;
        const mine = byPerson.get(person.id) ?? [];
        const ids = mine.map((r) => r.id);
        const value = measure(mine, rule);
        out.push(
          result(rule, period, 'person', person.id, person.schoolId, value, rule.target.value, presence, asOf, ids),
        );
      }
    } else if (subject.scope === 'group') {
      if (rule.target.kind !== 'fixed') throw new Error(`规则 ${rule.id}: 组规则的目标必须是固定值`);
      for (const group of groups) {
        if (group.kind !== subject.groupKind) continue;
        const presence = presenceIn({ joined: group.from, left: group.until }, period);
        if (!presence) continue;
        const mine = byGroup.get(group.id) ?? [];
        const ids = mine.map((r) => r.id);
        const value = measure(mine, rule);
        out.push(
          result(rule, period, 'group', group.id, group.schoolId, value, rule.target.value, presence, asOf, ids),
        );
      }
    } else {
      const schools = [
        ...new Set(
          rule.measure === 'family_coverage'
            ? families.map((f) => f.schoolId)
            : [...people.map((p) => p.schoolId), ...groups.map((g) => g.schoolId), ...families.map((f) => f.schoolId)],
        ),
      ].sort();
      for (const schoolId of schools) {
        let mine: ActivityRecord[];
        let value: number;
        let full: number;
        if (rule.measure === 'family_coverage') {
          const own = new Set((familiesBySchool.get(schoolId) ?? []).map((f) => f.id));
          mine = inPeriod.filter((r) => r.familyId !== undefined && own.has(r.familyId));
          value = clean(measure(mine, rule) / own.size);
        } else {
          mine = inPeriod.filter((r) => personById.get(r.personId)?.schoolId === schoolId);
          value = measure(mine, rule);
        }
        if (rule.target.kind === 'fixed') full = rule.target.value;
        else {
          const role = rule.target.role;
          const heads = (peopleBySchool.get(schoolId) ?? [])
            .filter((p) => p.roles.includes(role))
            .reduce((s, p) => s + presenceShare(p, period), 0);
          if (heads === 0) continue;
          full = Math.ceil(clean(rule.target.factor * heads));
        }
        const ids = mine.map((r) => r.id);
        out.push(result(rule, period, 'school', schoolId, schoolId, value, full, period, asOf, ids));
      }
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Evaluates every rule. */
export function evaluateQuotas(input: EvaluationInput): QuotaResult[] {
  return input.rules.flatMap((rule) => evaluateRule(rule, input));
}

export interface SchoolCompliance {
  ruleId: string;
  periodId: string;
  schoolId: string;
  /** Subjects evaluated (people, groups — for week rules one per group-week — or the school itself). */
  subjects: number;
  met: number;
  /** Met, plus on track in an unfinished period. */
  metOrOnTrack: number;
  /** met / subjects. */
  shareMet: number;
  /** metOrOnTrack / subjects. */
  shareOk: number;
}

/**
 * Per-school compliance share per rule and period: of the subjects evaluated, the share that met the quota, and the
 * share that met it or are on track. With `foldWeeks` (the default) a week rule's weeks are folded into their term
 * (a termWeeks id starts with the term id and ':W'), so each group-week of the term is one subject of that term.
 */
export function complianceBySchool(results: readonly QuotaResult[], foldWeeks = true): SchoolCompliance[] {
  const map = new Map<string, SchoolCompliance>();
  for (const r of results) {
    const periodId = foldWeeks && r.period.kind === 'week' ? r.period.id.split(':W')[0] : r.period.id;
    const key = `${r.ruleId}\u0000${periodId}\u0000${r.schoolId}`;
    let c = map.get(key);
    if (!c) {
      c = {
        ruleId: r.ruleId,
        periodId,
        schoolId: r.schoolId,
        subjects: 0,
        met: 0,
        metOrOnTrack: 0,
        shareMet: 0,
        shareOk: 0,
      };
      map.set(key, c);
    }
    c.subjects++;
    if (r.status === 'met') c.met++;
    if (r.status === 'met' || r.status === 'on_track') c.metOrOnTrack++;
  }
  return [...map.values()].map((c) => ({
    ...c,
    shareMet: clean(c.met / c.subjects),
    shareOk: clean(c.metOrOnTrack / c.subjects),
  }));
}

export interface OverallCompliance {
  ruleId: string;
  periodId: string;
  subjects: number;
  met: number;
  metOrOnTrack: number;
  shareMet: number;
  shareOk: number;
}

/**
 * County-wide compliance per rule and period: complianceBySchool summed over schools (subjects, met, met or on
 * track), with the shares recomputed from the sums — a share of people, not a mean of school shares.
 */
export function complianceOverall(results: readonly QuotaResult[], foldWeeks = true): OverallCompliance[] {
  const map = new Map<string, OverallCompliance>();
  for (const c of complianceBySchool(results, foldWeeks)) {
    const key = `${c.ruleId}\u0000${c.periodId}`;
    const o = map.get(key) ?? {
      ruleId: c.ruleId,
      periodId: c.periodId,
      subjects: 0,
      met: 0,
      metOrOnTrack: 0,
      shareMet: 0,
      shareOk: 0,
    };
    o.subjects += c.subjects;
    o.met += c.met;
    o.metOrOnTrack += c.metOrOnTrack;
    map.set(key, o);
  }
  return [...map.values()].map((o) => ({
    ...o,
    shareMet: clean(o.met / o.subjects),
    shareOk: clean(o.metOrOnTrack / o.subjects),
  }));
}

/**
 * Who is behind: results that are behind schedule in an unfinished period or not met in a finished one, largest
 * shortfall first (ties by rule, then subject id).
 */
export function behindList(results: readonly QuotaResult[]): QuotaResult[] {
  return results
    .filter((r) => r.status === 'behind' || r.status === 'not_met')
    .sort(
      (a, b) =>
        b.shortfall - a.shortfall ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.subjectId.localeCompare(b.subjectId) ||
        a.period.start.localeCompare(b.period.start),
    );
}

/** Largest training hours one record may carry (a course's hours are the caller's bound; this is the sanity cap). */
export const MAX_TRAINING_HOURS_PER_RECORD = 360;

/**
 * Bad input of a record, as messages (empty when fine): a date that is not a real day or is after `asOf`; training
 * without hours, or hours ≤ 0 or above the course's hours (or MAX_TRAINING_HOURS_PER_RECORD); a collective prep
 * without a group; a home visit without a family.
 */
export function checkRecord(record: ActivityRecord, asOf: IsoDate, courseHours?: number): string[] {
  const errors: string[] = [];
  try {
    daysIn({ start: record.date, end: record.date });
    if (record.date > asOf) errors.push(`日期 ${record.date} 在今天 (${asOf}) 之后`);
  } catch (e) {
    errors.push((e as Error).message);
  }
  if (record.kind === 'training') {
    const cap = courseHours ?? MAX_TRAINING_HOURS_PER_RECORD;
    if (record.hours === undefined || !Number.isFinite(record.hours) || record.hours <= 0)
      errors.push('培训学时必须大于0');
    else if (record.hours > cap) errors.push(`培训学时 ${record.hours} 超过课程学时 ${cap}`);
  }
  if (record.kind === 'collective_prep' && !record.groupId) errors.push('集体备课必须注明备课组');
  if (record.kind === 'home_visit' && !record.familyId) errors.push('家访必须注明学生家庭');
  return errors;
}

/**
 * Duplicate observations: the same observer entering the same lesson (same teacher, day and 节次) more than once.
 * Returns the ids of every entry after the first of each lesson, in input order. Observations without a teacher or
 * slot cannot be matched and are never duplicates.
 */
export function duplicateObservations(records: readonly ActivityRecord[]): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const r of records) {
    if (r.kind !== 'observation' || r.teacherId === undefined || r.lessonSlot === undefined) continue;
    const key = `${r.personId}\u0000${r.teacherId}\u0000${r.date}\u0000${r.lessonSlot}`;
    if (seen.has(key)) dups.push(r.id);
    else seen.add(key);
  }
  return dups;
}

/**
 * A home visit by someone of another school than the family's is refused (issue 7 "Bad input"); bureau people have no
 * school of families and are refused too. Returns a message, or null when the visit is fine or cannot be checked
 * (unknown visitor or family: the caller refuses those separately).
 */
export function checkHomeVisitSchool(
  record: ActivityRecord,
  people: readonly Person[],
  families: readonly Family[],
): string | null {
  if (record.kind !== 'home_visit' || !record.familyId) return null;
  const visitor = people.find((p) => p.id === record.personId);
  const family = families.find((f) => f.id === record.familyId);
  if (!visitor || !family) return null;
  return visitor.schoolId === family.schoolId ? null : `家访对象 ${family.id} 不是访问人所在学校的学生家庭`;
}
