import { sql } from 'kysely';
import type {
  ActivityKind,
  ActivityRecord,
  Family,
  Group,
  IsoDate,
  Person,
  QuotaRule,
  SchoolCalendar,
} from '../../../common/activities/index.js';
import type { Db } from '../../db/pool.js';

/**
 * Reads a county into the pure engine's shapes (src/common/activities/evaluate.ts). Quota roles of a person, stated
 * once (口径, docs/modules/activities.md):
 * - researcher 教研员: bureau staff (no school) whose position ends in 教研员, or whose account holds 教研员;
 * - principal 校长: school staff whose position is 校长 or 负责人 (a 教学点's head);
 * - teacher 任课教师: school staff with a teaching assignment in the current school year;
 * - cadre 教干: school staff in a leading position (校长, 副校长, 负责人, …主任, …组长);
 * - staff 教职工: every school staff member;
 * - plus activity_role_holdings: a role held from/until a date (兼职教研员, a 教干 appointed mid-term), which makes
 *   the target pro rata (presence share, see evaluate.ts).
 * One engine Person per (staff, role), so each role carries its own presence; records match by staff id.
 */

export interface QuotaPerson extends Person {
  staffId: number;
  name: string;
  tiers: string[];
  schoolType: string | null;
}

export interface CountyData {
  calendar: SchoolCalendar;
  people: QuotaPerson[];
  groups: (Group & { name: string })[];
  families: Family[];
  records: ActivityRecord[];
}

/** School id of bureau staff in the engine (the bureau is one "school" with no families or teachers). */
export const BUREAU = 'bureau';

const LEADING = /^(校长|副校长|负责人)$|主任$|组长$/;

export async function loadCalendar(db: Db, countyId: number): Promise<SchoolCalendar> {
  const years = await db
    .selectFrom('school_years')
    .select(['id', 'name', 'start_date', 'end_date'])
    .where('county_id', '=', countyId)
    .orderBy('start_date')
    .execute();
  const terms = await db
    .selectFrom('terms')
    .select(['id', 'name', 'school_year_id', 'start_date', 'end_date'])
    .where('county_id', '=', countyId)
    .orderBy('start_date')
    .execute();
  return {
    years: years.map((y) => ({
      id: `Y${y.id}`,
      label: y.name,
      start: y.start_date,
      end: y.end_date,
      terms: terms
        .filter((t) => t.school_year_id === y.id)
        .map((t) => ({ id: `T${t.id}`, label: t.name, start: t.start_date, end: t.end_date })),
    })),
  };
}

export async function loadPeople(db: Db, countyId: number): Promise<QuotaPerson[]> {
  const rows = await sql<{
    id: number;
    name: string;
    school_id: number | null;
    position: string | null;
    tiers: string[];
    school_type: string | null;
    teaches: boolean;
    researcher_grant: boolean;
  }>`
    SELECT s.id, s.name, s.school_id, s.position, s.tiers, sc.type AS school_type,
      EXISTS (SELECT 1 FROM teaching_assignments ta JOIN terms t ON t.county_id = ta.county_id AND t.id = ta.term_id
              JOIN school_years y ON y.county_id = t.county_id AND y.id = t.school_year_id AND y.is_current
              WHERE ta.county_id = s.county_id AND ta.staff_id = s.id) AS teaches,
      EXISTS (SELECT 1 FROM users u JOIN user_roles r ON r.county_id = u.county_id AND r.user_id = u.id
              WHERE u.county_id = s.county_id AND u.staff_id = s.id AND r.role = 'researcher') AS researcher_grant
    FROM staff s LEFT JOIN schools sc ON sc.county_id = s.county_id AND sc.id = s.school_id
    WHERE s.county_id = ${countyId} AND s.archived_at IS NULL`.execute(db);
  const holdings = await db
    .selectFrom('activity_role_holdings')
    .select(['staff_id', 'role', 'from_date', 'until_date'])
    .where('county_id', '=', countyId)
    .execute();
  const out: QuotaPerson[] = [];
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  for (const r of rows.rows) {
    const roles: string[] = [];
    const position = r.position ?? '';
    if (r.school_id == null) {
      if (position.endsWith('教研员') || r.researcher_grant) roles.push('researcher');
    } else {
      roles.push('staff');
      if (position === '校长' || position === '负责人') roles.push('principal');
      if (LEADING.test(position)) roles.push('cadre');
      if (r.teaches) roles.push('teacher');
    }
    for (const role of roles) out.push(person(r, role));
  }
  for (const h of holdings) {
    const r = byId.get(h.staff_id);
    if (!r) continue;
    out.push({ ...person(r, h.role), joined: h.from_date, left: h.until_date ?? undefined });
  }
  return out;

  function person(r: (typeof rows.rows)[number], role: string): QuotaPerson {
    return {
      id: String(r.id),
      staffId: r.id,
      name: r.name,
      schoolId: r.school_id == null ? BUREAU : String(r.school_id),
      roles: [role],
      tiers: r.tiers,
      schoolType: r.school_type,
    };
  }
}

/** Every record that quotas count, in the engine's shape (ids `<kind>:<row id>`). */
export async function loadRecords(db: Db, countyId: number, upTo: IsoDate): Promise<ActivityRecord[]> {
  const [obs, open, preps, trainings, visits] = await Promise.all([
    db
      .selectFrom('activity_observations')
      .select(['id', 'observer_id', 'teacher_id', 'lesson_date', 'period', 'kind'])
      .where('county_id', '=', countyId)
      .where('archived_at', 'is', null)
      .where('lesson_date', '<=', upTo)
      .execute(),
    db
      .selectFrom('activity_open_lessons')
      .select(['id', 'host_staff_id', 'lesson_date', 'kind', 'level'])
      .where('county_id', '=', countyId)
      .where('archived_at', 'is', null)
      .where('lesson_date', '<=', upTo)
      .execute(),
    db
      .selectFrom('activity_preps')
      .select(['id', 'lead_staff_id', 'group_id', 'prep_date'])
      .where('county_id', '=', countyId)
      .where('archived_at', 'is', null)
      .where('prep_date', '<=', upTo)
      .execute(),
    db
      .selectFrom('activity_trainings as t')
      .innerJoin('activity_training_courses as c', (j) =>
        j.onRef('c.county_id', '=', 't.county_id').onRef('c.id', '=', 't.course_id'),
      )
      .select(['t.id', 't.staff_id', 't.hours', 't.completed_on', 'c.level'])
      .where('t.county_id', '=', countyId)
      .where('t.archived_at', 'is', null)
      .where('t.completed_on', '<=', upTo)
      .execute(),
    db
      .selectFrom('activity_home_visits')
      .select(['id', 'visitor_id', 'student_id', 'visit_date', 'mode'])
      .where('county_id', '=', countyId)
      .where('archived_at', 'is', null)
      .where('visit_date', '<=', upTo)
      .execute(),
  ]);
  const rec = (kind: ActivityKind, id: number, personId: number, date: string, more: Partial<ActivityRecord>) => ({
    id: `${kind}:${id}`,
    kind,
    personId: String(personId),
    date,
    ...more,
  });
  return [
    ...obs.map((o) =>
      rec('observation', o.id, o.observer_id, o.lesson_date, {
        subkind: o.kind,
        teacherId: String(o.teacher_id),
        lessonSlot: o.period,
      }),
    ),
    ...open.map((o) => rec('open_lesson', o.id, o.host_staff_id, o.lesson_date, { subkind: o.kind, level: o.level })),
    ...preps.map((p) => rec('collective_prep', p.id, p.lead_staff_id, p.prep_date, { groupId: String(p.group_id) })),
    ...trainings.map((t) => rec('training', t.id, t.staff_id, t.completed_on, { hours: t.hours, level: t.level })),
    ...visits.map((v) =>
      rec('home_visit', v.id, v.visitor_id, v.visit_date, { familyId: String(v.student_id), subkind: v.mode }),
    ),
  ];
}

export async function loadGroups(db: Db, countyId: number): Promise<CountyData['groups']> {
  const rows = await db
    .selectFrom('activity_groups')
    .select(['id', 'school_id', 'kind', 'name', 'subject_id', 'from_date', 'until_date', 'archived_at'])
    .where('county_id', '=', countyId)
    .execute();
  return rows.map((g) => ({
    id: String(g.id),
    schoolId: String(g.school_id),
    kind: g.kind,
    name: g.name,
    subject: g.subject_id == null ? undefined : String(g.subject_id),
    from: g.from_date ?? undefined,
    // An archived group stops owing sessions from the day it was archived.
    until: g.until_date ?? (g.archived_at ? new Date(g.archived_at).toISOString().slice(0, 10) : undefined),
  }));
}

/** Families = the county's active students (a family is visited through its child). */
export async function loadFamilies(db: Db, countyId: number): Promise<Family[]> {
  const rows = await db
    .selectFrom('students')
    .select(['id', 'school_id'])
    .where('county_id', '=', countyId)
    .where('status', '=', 'active')
    .where('archived_at', 'is', null)
    .where('school_id', 'is not', null)
    .execute();
  return rows.map((s) => ({ id: String(s.id), schoolId: String(s.school_id) }));
}

export async function loadCounty(db: Db, countyId: number, asOf: IsoDate): Promise<CountyData> {
  const [calendar, people, groups, families, records] = await Promise.all([
    loadCalendar(db, countyId),
    loadPeople(db, countyId),
    loadGroups(db, countyId),
    loadFamilies(db, countyId),
    loadRecords(db, countyId, asOf),
  ]);
  return { calendar, people, groups, families, records };
}

/** A quota rule row as the engine's QuotaRule, with the who-filters kept beside it. */
export interface RuleRow {
  id: number;
  code: string;
  label: string;
  activity: string;
  subkinds: string[] | null;
  levels: string[] | null;
  subject_scope: string;
  subject_role: string | null;
  group_kind: string | null;
  school_types: string[] | null;
  tiers: string[] | null;
  measure: string;
  period: string;
  target_kind: string;
  target_value: number;
  target_role: string | null;
  citation: unknown;
  active: boolean;
}

export function toEngineRule(r: RuleRow): QuotaRule {
  const subject: QuotaRule['subject'] =
    r.subject_scope === 'person'
      ? { scope: 'person', role: r.subject_role ?? '' }
      : r.subject_scope === 'group'
        ? { scope: 'group', groupKind: r.group_kind ?? '' }
        : { scope: 'school' };
  return {
    id: String(r.id),
    label: r.label,
    activity: r.activity as QuotaRule['activity'],
    subkinds: r.subkinds ?? undefined,
    levels: r.levels ?? undefined,
    subject,
    measure: r.measure as QuotaRule['measure'],
    period: r.period as QuotaRule['period'],
    target:
      r.target_kind === 'per_head'
        ? { kind: 'per_head', factor: r.target_value, role: r.target_role ?? 'teacher' }
        : { kind: 'fixed', value: r.target_value },
    comparison: 'at_least',
    citation: (r.citation as QuotaRule['citation']) ?? { note: '', section: '', seedLine: '', quote: '' },
  };
}

/** The people a rule's who-filters let through (school types, staff tiers); the engine filters by role itself. */
export function peopleFor(rule: RuleRow, people: readonly QuotaPerson[]): QuotaPerson[] {
  return people.filter(
    (p) =>
      (!rule.school_types || (p.schoolType != null && rule.school_types.includes(p.schoolType))) &&
      (!rule.tiers || p.tiers.some((t) => rule.tiers!.includes(t))),
  );
}
