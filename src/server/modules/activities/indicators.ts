import { type RawBuilder, sql } from 'kysely';
import { classDayLoad, shareOfDaysOver } from '../../../common/activities/index.js';
import type { Db } from '../../db/pool.js';
import { type IndicatorQuery, type IndicatorUnit, registerIndicatorSource } from '../indicators/sources.js';
import { schoolInRegion } from '../org/shared.js';
import { activeRules, evaluateCompliance } from './compliance-service.js';
import { loadCounty } from './engine-input.js';
import { capRules } from './homework-routes.js';
import { todayInChina } from './shared.js';

/**
 * The teaching routine's indicator sources for the plans module (modules/indicators/sources.ts). Each value is
 * computed over the query's period and unit; null when there is nothing to compute from (never 0 in its place).
 */

/** `schoolColumn` is a school of the unit (county: all; region: its subtree; school: itself). */
function schoolOfUnit(countyId: number, unit: IndicatorUnit, schoolColumn: string): RawBuilder<boolean> {
  if (unit.level === 'county') return sql<boolean>`true`;
  if (unit.level === 'region') return schoolInRegion(schoolColumn, countyId, unit.id);
  if (unit.level === 'school') return sql<boolean>`${sql.ref(schoolColumn)} = ${unit.id}`;
  return sql<boolean>`false`;
}

const ref = (q: IndicatorQuery, what: string) => `${what} ${q.period.from}~${q.period.to}`;

export function registerActivitiesIndicators(): void {
  registerIndicatorSource({
    key: 'activities.quotaShare',
    module: 'activities',
    name: { zh: '常规量化达标率', en: 'Share meeting a quota' },
    unit: 'percent',
    direction: 'higher',
    levels: ['county', 'region', 'school', 'teacher'],
    params: { ruleCode: '量化规则编码，如 observe-principal-term' },
    checkParams: (p) => (typeof p.ruleCode === 'string' && p.ruleCode ? null : '须指定量化规则编码 ruleCode'),
    /**
     * Share of the rule's subjects (people, groups or schools) in the unit that met it in the period holding the
     * query's end day (evaluated as of that day, or today if earlier): met / subjects.
     */
    async compute(db: Db, q: IndicatorQuery) {
      const asOf = q.period.to < todayInChina() ? q.period.to : todayInChina();
      const rules = (await activeRules(db, q.countyId)).filter((r) => r.code === q.params.ruleCode);
      if (rules.length === 0)
        return { value: null, ref: ref(q, `规则 ${String(q.params.ruleCode)}`), computedAt: new Date() };
      const data = await loadCounty(db, q.countyId, asOf);
      const [rc] = evaluateCompliance(rules, data, asOf);
      let schools: Set<string> | null = null;
      if (q.unit.level === 'region' || q.unit.level === 'school') {
        const rows = await db
          .selectFrom('schools as s')
          .select('s.id')
          .where('s.county_id', '=', q.countyId)
          .where(schoolOfUnit(q.countyId, q.unit, 's.id'))
          .execute();
        schools = new Set(rows.map((r) => String(r.id)));
      }
      const rows = rc.rows.filter(
        (r) =>
          (schools === null || schools.has(r.schoolId)) &&
          (q.unit.level !== 'teacher' || (r.scope === 'person' && r.subjectId === String(q.unit.id))),
      );
      const met = rows.filter((r) => r.status === 'met').length;
      return {
        value: rows.length === 0 ? null : met / rows.length,
        n: rows.length,
        ref: `${rules[0].label} ${rc.period?.start ?? ''}~${rc.period?.end ?? ''}`,
        computedAt: new Date(),
      };
    },
  });

  registerIndicatorSource({
    key: 'activities.observationMeanScore',
    module: 'activities',
    name: { zh: '听课平均等级', en: 'Mean observation score' },
    unit: 'score',
    direction: 'higher',
    levels: ['county', 'region', 'school', 'teacher'],
    params: { subjectId: '学科编号（可选）' },
    /** Mean over the period's observations in the unit (teacher = the observed teacher) of the lesson score (mean level). */
    async compute(db, q) {
      let query = db
        .selectFrom('activity_observations as o')
        .select([sql<number | null>`avg(o.score)::float8`.as('v'), sql<number>`count(*)::int`.as('n')])
        .where('o.county_id', '=', q.countyId)
        .where('o.archived_at', 'is', null)
        .where('o.lesson_date', '>=', q.period.from)
        .where('o.lesson_date', '<=', q.period.to);
      query =
        q.unit.level === 'teacher'
          ? query.where('o.teacher_id', '=', q.unit.id)
          : query.where(schoolOfUnit(q.countyId, q.unit, 'o.school_id'));
      if (typeof q.params.subjectId === 'number') query = query.where('o.subject_id', '=', q.params.subjectId);
      const row = await query.executeTakeFirstOrThrow();
      return { value: row.n === 0 ? null : row.v, n: row.n, ref: ref(q, '听课记录'), computedAt: new Date() };
    },
  });

  registerIndicatorSource({
    key: 'activities.trainingHoursPerTeacher',
    module: 'activities',
    name: { zh: '教师人均培训学时', en: 'Training hours per teacher' },
    unit: 'hours',
    direction: 'higher',
    levels: ['county', 'region', 'school', 'teacher'],
    params: {},
    /** Σ training hours completed in the period by the unit's school staff / the number of those staff (in post). */
    async compute(db, q) {
      let staff = db
        .selectFrom('staff as s')
        .select('s.id')
        .where('s.county_id', '=', q.countyId)
        .where('s.archived_at', 'is', null)
        .where('s.school_id', 'is not', null);
      staff =
        q.unit.level === 'teacher'
          ? staff.where('s.id', '=', q.unit.id)
          : staff.where(schoolOfUnit(q.countyId, q.unit, 's.school_id'));
      const ids = (await staff.execute()).map((r) => r.id);
      if (ids.length === 0) return { value: null, ref: ref(q, '培训学时'), computedAt: new Date() };
      const row = await db
        .selectFrom('activity_trainings')
        .select(sql<number>`coalesce(sum(hours), 0)::float8`.as('h'))
        .where('county_id', '=', q.countyId)
        .where('archived_at', 'is', null)
        .where('completed_on', '>=', q.period.from)
        .where('completed_on', '<=', q.period.to)
        .where('staff_id', 'in', ids)
        .executeTakeFirstOrThrow();
      return { value: row.h / ids.length, n: ids.length, ref: ref(q, '培训学时'), computedAt: new Date() };
    },
  });

  registerIndicatorSource({
    key: 'activities.homeVisitCoverage',
    module: 'activities',
    name: { zh: '家访覆盖率', en: 'Home-visit coverage' },
    unit: 'percent',
    direction: 'higher',
    levels: ['county', 'region', 'school', 'class'],
    params: {},
    /** Distinct enrolled students of the unit with ≥ 1 home visit in the period / enrolled students of the unit. */
    async compute(db, q) {
      let students = db
        .selectFrom('students as pu')
        .select([
          sql<number>`count(*)::int`.as('n'),
          sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM activity_home_visits v WHERE v.county_id = pu.county_id AND v.student_id = pu.id AND v.archived_at IS NULL AND v.visit_date BETWEEN ${q.period.from} AND ${q.period.to}))::int`.as(
            'visited',
          ),
        ])
        .where('pu.county_id', '=', q.countyId)
        .where('pu.status', '=', 'active')
        .where('pu.archived_at', 'is', null);
      students =
        q.unit.level === 'class'
          ? students.where('pu.class_id', '=', q.unit.id)
          : students.where(schoolOfUnit(q.countyId, q.unit, 'pu.school_id'));
      const row = await students.executeTakeFirstOrThrow();
      return { value: row.n === 0 ? null : row.visited / row.n, n: row.n, ref: ref(q, '家访'), computedAt: new Date() };
    },
  });

  registerIndicatorSource({
    key: 'activities.homeworkOverCapShare',
    module: 'activities',
    name: { zh: '作业超时班级天数占比', en: 'Share of class-days over the homework cap' },
    unit: 'percent',
    direction: 'lower',
    levels: ['county', 'region', 'school', 'class'],
    params: {},
    /** Class-days with declared homework in the period whose total exceeds the grade cap / all such class-days. */
    async compute(db, q) {
      let query = db
        .selectFrom('activity_homework as h')
        .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'h.county_id').onRef('c.id', '=', 'h.class_id'))
        .select(['h.class_id', 'c.grade_level', 'h.hw_date', 'h.minutes'])
        .where('h.county_id', '=', q.countyId)
        .where('h.hw_date', '>=', q.period.from)
        .where('h.hw_date', '<=', q.period.to);
      query =
        q.unit.level === 'class'
          ? query.where('h.class_id', '=', q.unit.id)
          : query.where(schoolOfUnit(q.countyId, q.unit, 'h.school_id'));
      const rows = await query.execute();
      const caps = await capRules(db, q.countyId);
      const days = new Map<
        string,
        { classId: string; grade: number; date: string; items: { subject: string; minutes: number }[] }
      >();
      for (const r of rows) {
        const key = `${r.class_id}|${r.hw_date}`;
        const d = days.get(key) ?? { classId: String(r.class_id), grade: r.grade_level, date: r.hw_date, items: [] };
        d.items.push({ subject: '', minutes: r.minutes });
        days.set(key, d);
      }
      const loads = [...days.values()].map((d) => classDayLoad(d, caps));
      return {
        value: loads.length === 0 ? null : shareOfDaysOver(loads),
        n: loads.length,
        ref: ref(q, '作业申报'),
        computedAt: new Date(),
      };
    },
  });
}
