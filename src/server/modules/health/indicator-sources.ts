/**
 * The health module's indicator sources for the plans module (indicators/sources.ts): 体质健康合格率 (target ≥95%,
 * seed-000 W34), 优良率, 肥胖率 and 近视率. Fitness rates are of the school year (the period's school year, or the
 * one containing the period's end); the myopia rate is of the period's term (or the term containing its end).
 * The mental-health screening coverage reads only the rounds' counts — never a card or a student's name.
 */
import { sql } from 'kysely';
import { fitnessRates } from '../../../common/health/rates.js';
import type { Db } from '../../db/pool.js';
import { asOfDay } from '../indicators/org-sources.js';
import { type IndicatorQuery, type IndicatorValue, registerIndicatorSource } from '../indicators/sources.js';
import { schoolInUnit } from '../indicators/units.js';
import { unitSql } from './units.js';

const LEVELS = ['county', 'region', 'school', 'class'] as const;

/** The unit's rows of the table aliased `x` (a teacher unit has none here). */
const unitOf = (q: IndicatorQuery) =>
  q.unit.level === 'teacher' ? sql<boolean>`false` : unitSql(q.countyId, { level: q.unit.level, id: q.unit.id }, 'x');

/** The school year of the period: given, else the one containing its end date. */
async function yearOf(db: Db, q: IndicatorQuery): Promise<{ id: number; name: string } | null> {
  const r = await sql<{ id: number; name: string }>`
    SELECT id, name FROM school_years WHERE county_id = ${q.countyId}
      AND (${q.period.schoolYearId ?? null}::bigint IS NULL AND start_date <= ${q.period.to}::date AND end_date >= ${q.period.to}::date
           OR id = ${q.period.schoolYearId ?? null}::bigint)
    LIMIT 1`.execute(db);
  return r.rows[0] ?? null;
}

async function fitnessValue(
  db: Db,
  q: IndicatorQuery,
  pick: (r: ReturnType<typeof fitnessRates> & { bmiMeasured: number }) => { value: number | null; n: number },
): Promise<IndicatorValue> {
  const year = await yearOf(db, q);
  if (!year) return { value: null, ref: '无对应学年', computedAt: new Date() };
  const r = await sql<{
    excellent: number;
    good: number;
    pass: number;
    fail: number;
    bmiMeasured: number;
    underweight: number;
    overweight: number;
    obese: number;
  }>`
    SELECT count(*) FILTER (WHERE x.grade = '优秀')::int AS excellent,
      count(*) FILTER (WHERE x.grade = '良好')::int AS good,
      count(*) FILTER (WHERE x.grade = '及格')::int AS pass,
      count(*) FILTER (WHERE x.grade = '不及格')::int AS fail,
      count(x.bmi_category)::int AS "bmiMeasured",
      count(*) FILTER (WHERE x.bmi_category = '低体重')::int AS underweight,
      count(*) FILTER (WHERE x.bmi_category = '超重')::int AS overweight,
      count(*) FILTER (WHERE x.bmi_category = '肥胖')::int AS obese
    FROM health_fitness_results x
    WHERE x.county_id = ${q.countyId} AND x.school_year_id = ${year.id} AND ${unitOf(q)}`.execute(db);
  const c = r.rows[0];
  const rates = fitnessRates({ ...c, students: 0, exempt: 0, unscored: 0 });
  const { value, n } = pick({ ...rates, bmiMeasured: c.bmiMeasured });
  return { value, n, ref: `${year.name}学年体质健康测试`, computedAt: new Date() };
}

async function myopiaValue(db: Db, q: IndicatorQuery): Promise<IndicatorValue> {
  const term = await sql<{ id: number; name: string }>`
    SELECT t.id, y.name || t.name AS name FROM terms t JOIN school_years y ON y.county_id = t.county_id AND y.id = t.school_year_id
    WHERE t.county_id = ${q.countyId}
      AND (${q.period.termId ?? null}::bigint IS NULL AND t.start_date <= ${q.period.to}::date AND t.end_date >= ${q.period.to}::date
           OR t.id = ${q.period.termId ?? null}::bigint)
    LIMIT 1`.execute(db);
  const t = term.rows[0];
  if (!t) return { value: null, ref: '无对应学期', computedAt: new Date() };
  const r = await sql<{ screened: number; myopic: number }>`
    SELECT count(*)::int AS screened, count(*) FILTER (WHERE x.myopia)::int AS myopic
    FROM health_vision_screenings x
    WHERE x.county_id = ${q.countyId} AND x.term_id = ${t.id} AND ${unitOf(q)}`.execute(db);
  const { screened, myopic } = r.rows[0];
  return {
    value: screened === 0 ? null : myopic / screened,
    n: screened,
    ref: `${t.name}视力筛查`,
    computedAt: new Date(),
  };
}

/**
 * 心理健康普查率 = Σ over the unit's schools of min(screened, enrolled) ÷ Σ enrolled, where screened = the largest
 * `screened` count among the school's rounds of terms overlapping the period (a second round in a year screens the
 * same students again, so rounds are not added up) and enrolled = the school's students with an enrollment open on
 * the period's last day (today while it runs). Null when no school of the unit held a round in the period or no
 * student is enrolled. Levels county, 学区, school (rounds are per school).
 */
async function mentalScreeningValue(db: Db, q: IndicatorQuery): Promise<IndicatorValue> {
  const asOf = asOfDay(q);
  const r = await sql<{ schoolId: number; enrolled: number; screened: number | null }>`
    WITH enrolled AS (
      SELECT e.school_id, count(DISTINCT e.student_id)::int AS n FROM student_enrollments e
      WHERE e.county_id = ${q.countyId} AND e.start_date <= ${asOf}::date AND (e.end_date IS NULL OR e.end_date >= ${asOf}::date)
        AND ${schoolInUnit('e.school_id', q.countyId, q.unit)}
      GROUP BY e.school_id),
    screened AS (
      SELECT x.school_id, max(x.screened)::int AS n FROM health_mental_rounds x
      JOIN terms t ON t.county_id = x.county_id AND t.id = x.term_id
      WHERE x.county_id = ${q.countyId} AND t.start_date <= ${q.period.to}::date AND t.end_date >= ${q.period.from}::date
        AND ${schoolInUnit('x.school_id', q.countyId, q.unit)}
      GROUP BY x.school_id)
    SELECT coalesce(e.school_id, s.school_id) AS "schoolId", coalesce(e.n, 0) AS enrolled, s.n AS screened
    FROM enrolled e FULL JOIN screened s ON s.school_id = e.school_id`.execute(db);
  const rounds = r.rows.filter((x) => x.screened !== null).length;
  const enrolled = r.rows.reduce((a, x) => a + x.enrolled, 0);
  const screened = r.rows.reduce((a, x) => a + Math.min(x.screened ?? 0, x.enrolled), 0);
  return {
    value: rounds === 0 || enrolled === 0 ? null : screened / enrolled,
    n: enrolled,
    ref: `心理健康普查轮次 ${q.unit.level} ${q.unit.id} ${q.period.from}~${q.period.to}：${rounds}所学校，普查${screened}/在籍${enrolled}（${asOf}）`,
    computedAt: new Date(),
  };
}

const noParams = (params: Record<string, unknown>) =>
  Object.keys(params).length === 0 ? null : `不支持的参数：${Object.keys(params).join('、')}`;

/** Registers the five sources (idempotent: the registry replaces a key registered again). */
export function registerHealthIndicators(): void {
  const base = { module: 'health', levels: LEVELS, params: {}, checkParams: noParams } as const;
  registerIndicatorSource({
    ...base,
    key: 'health.fitnessPassRate',
    name: { zh: '体质健康合格率', en: 'Fitness pass rate' },
    unit: 'percent',
    direction: 'higher',
    compute: (db, q) => fitnessValue(db, q, (r) => ({ value: r.passRate, n: r.scored })),
  });
  registerIndicatorSource({
    ...base,
    key: 'health.fitnessGoodRate',
    name: { zh: '体质健康优良率', en: 'Fitness good-or-better rate' },
    unit: 'percent',
    direction: 'higher',
    compute: (db, q) => fitnessValue(db, q, (r) => ({ value: r.goodRate, n: r.scored })),
  });
  registerIndicatorSource({
    ...base,
    key: 'health.obesityRate',
    name: { zh: '肥胖率', en: 'Obesity rate' },
    unit: 'percent',
    direction: 'lower',
    compute: (db, q) => fitnessValue(db, q, (r) => ({ value: r.obesityRate, n: r.bmiMeasured })),
  });
  registerIndicatorSource({
    ...base,
    key: 'health.myopiaRate',
    name: { zh: '近视率', en: 'Myopia rate' },
    unit: 'percent',
    direction: 'lower',
    compute: myopiaValue,
  });
  registerIndicatorSource({
    ...base,
    key: 'health.mentalScreeningCoverage',
    levels: ['county', 'region', 'school'],
    name: { zh: '心理健康普查率', en: 'Mental-health screening coverage' },
    unit: 'percent',
    direction: 'higher',
    compute: mentalScreeningValue,
  });
}
