import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { todayInChina } from '../org/shared.js';
import type { IndicatorQuery, IndicatorSource } from './sources.js';
import { schoolInUnit } from './units.js';

/**
 * Indicator sources computed from the org registry. Every count is taken on one day, `asOf` = the period's last day,
 * or today while the period is running: a student counts when an enrollment of theirs is open that day
 * (start_date ≤ asOf and no end_date or end_date ≥ asOf), so last year's numbers do not move when students leave.
 */
export function asOfDay(query: IndicatorQuery, today = todayInChina()): string {
  return query.period.to < today ? query.period.to : today;
}

function unitName(q: IndicatorQuery) {
  return `${q.unit.level} ${q.unit.id}`;
}

/** Students enrolled on asOf, per class, in the unit's schools. */
async function classSizes(db: Db, q: IndicatorQuery, asOf: string): Promise<number[]> {
  const rows = await sql<{ n: number }>`
    SELECT count(DISTINCT e.student_id)::int AS n
    FROM student_enrollments e
    WHERE e.county_id = ${q.countyId}
      AND e.start_date <= ${asOf} AND (e.end_date IS NULL OR e.end_date >= ${asOf})
      AND ${schoolInUnit('e.school_id', q.countyId, q.unit)}
    GROUP BY e.class_id`.execute(db);
  return rows.rows.map((r) => r.n);
}

/** 在籍学生数 = number of distinct students with an enrollment open on asOf in the unit's schools. */
export const studentCount: IndicatorSource = {
  key: 'org.studentCount',
  module: 'org',
  name: { zh: '在籍学生数', en: 'Students enrolled' },
  unit: 'count',
  direction: 'higher',
  levels: ['county', 'region', 'school'],
  params: {},
  async compute(db, q) {
    const asOf = asOfDay(q);
    const sizes = await classSizes(db, q, asOf);
    const value = sizes.reduce((a, b) => a + b, 0);
    return { value, n: value, ref: `学籍 ${unitName(q)} ${asOf}`, computedAt: new Date() };
  },
};

/**
 * 大班额比例 = classes with ≥ threshold students ÷ classes with at least one student, on asOf (threshold a param,
 * default 56 = the 教育部 口径 of 大班额). Null when the unit has no class with students.
 */
export const largeClassShare: IndicatorSource = {
  key: 'org.largeClassShare',
  module: 'org',
  name: { zh: '大班额比例', en: 'Share of oversized classes' },
  unit: 'percent',
  direction: 'lower',
  levels: ['county', 'region', 'school'],
  params: { threshold: '大班额人数下限（含），默认56' },
  checkParams(p) {
    const t = p.threshold;
    if (t !== undefined && !(Number.isInteger(t) && (t as number) >= 2 && (t as number) <= 200))
      return 'threshold 须为2–200之间的整数';
    return null;
  },
  async compute(db, q) {
    const threshold = (q.params.threshold as number | undefined) ?? 56;
    const asOf = asOfDay(q);
    const sizes = await classSizes(db, q, asOf);
    const large = sizes.filter((n) => n >= threshold).length;
    return {
      value: sizes.length === 0 ? null : large / sizes.length,
      n: sizes.length,
      ref: `学籍 ${unitName(q)} ${asOf}，≥${threshold}人的班 ${large}/${sizes.length}`,
      computedAt: new Date(),
    };
  },
};

/** 生师比 = students enrolled on asOf ÷ staff of the unit's schools not archived (staff have no history). */
export const studentTeacherRatio: IndicatorSource = {
  key: 'org.studentTeacherRatio',
  module: 'org',
  name: { zh: '生师比', en: 'Student–staff ratio' },
  unit: 'index',
  direction: 'lower',
  levels: ['county', 'region', 'school'],
  params: {},
  async compute(db, q) {
    const asOf = asOfDay(q);
    const students = (await classSizes(db, q, asOf)).reduce((a, b) => a + b, 0);
    const staff = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM staff s
      WHERE s.county_id = ${q.countyId} AND s.archived_at IS NULL AND ${schoolInUnit('s.school_id', q.countyId, q.unit)}`.execute(
      db,
    );
    const n = staff.rows[0].n;
    return {
      value: n === 0 ? null : students / n,
      n: students,
      ref: `学籍与教职工 ${unitName(q)} ${asOf}：${students}/${n}`,
      computedAt: new Date(),
    };
  },
};
