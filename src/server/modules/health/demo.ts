import { sql } from 'kysely';
import { Random } from '../../../../scripts/demo/random.js';
import { applicableItems } from '../../../common/health/fitness.js';
import { type ItemKey, STANDARD_2014 } from '../../../common/health/standard.js';
import { isMyopic } from '../../../common/health/vision.js';
import type { Db } from '../../db/pool.js';
import { gradeCodeOfLevel, type Measurements, scoreMeasurements } from './fitness-scoring.js';

/** Grades given a fitness test in the demo (三年级, 五年级, 八年级: tables of the 2014 standard are complete). */
const DEMO_FITNESS_GRADES = [3, 5, 8];

/** Score levels a demo result lands on, with their weights (last year a little weaker, so the trend shows). */
const LEVELS = [100, 90, 80, 76, 70, 64, 60, 50, 30];
const WEIGHTS = { current: [8, 14, 22, 14, 14, 10, 9, 6, 3], last: [6, 12, 20, 14, 15, 11, 10, 8, 4] };

/**
 * The health module's records in the demo county (deterministic, a few seconds): fitness results of 三年级, 五年级
 * and 八年级 for this school year and last year (every placed student; about 1% 免测), and one vision screening of
 * every placed student in the current term. Values are drawn around the standard's own thresholds.
 */
export async function seedHealthDemo(db: Db, countyId: number): Promise<void> {
  const rnd = new Random(1, 'health');
  const years = await db
    .selectFrom('school_years')
    .select(['id', 'is_current', 'start_date'])
    .where('county_id', '=', countyId)
    .orderBy('start_date', 'desc')
    .execute();
  const current = years.find((y) => y.is_current);
  const last = years.find((y) => current && y.start_date < current.start_date);
  if (current) await seedFitness(db, countyId, current.id, rnd.fork('fitness-current'), WEIGHTS.current);
  if (last) await seedFitness(db, countyId, last.id, rnd.fork('fitness-last'), WEIGHTS.last);
  await seedVision(db, countyId, rnd.fork('vision'));
}

/** Students placed in a class of the school year (the class they were in that year), in student order. */
async function placed(db: Db, countyId: number, schoolYearId: number, grades: number[] | null) {
  const rows = await sql<{ student_id: number; class_id: number; school_id: number; grade_level: number; sex: string }>`
    SELECT DISTINCT ON (s.id) s.id AS student_id, c.id AS class_id, c.school_id, c.grade_level, s.gender AS sex
    FROM students s
    JOIN student_enrollments e ON e.county_id = s.county_id AND e.student_id = s.id
    JOIN classes c ON c.county_id = e.county_id AND c.id = e.class_id
    WHERE s.county_id = ${countyId} AND c.school_year_id = ${schoolYearId}
      AND (${grades}::smallint[] IS NULL OR c.grade_level = ANY(${grades}::smallint[]))
    ORDER BY s.id, e.start_date DESC`.execute(db);
  return rows.rows;
}

/** A value that scores `level` on the table: between its threshold and the next better one. */
function valueAt(rnd: Random, item: ItemKey, code: string, sex: 'M' | 'F', level: number): number {
  const table = STANDARD_2014.grades[code as 'P3'][sex][item];
  const cells = table?.cells ?? [];
  const i = cells.findIndex((c) => c.score === level);
  const at = cells[i]?.threshold ?? cells.find((c) => c.threshold !== null)?.threshold ?? 0;
  const better = i > 0 ? (cells[i - 1].threshold ?? at) : at;
  const v = at + (better - at) * rnd.real(0, 0.9);
  const whole = item === 'rope_skip_1min' || item === 'sit_up_1min' || item === 'pull_up' || item === 'vital_capacity';
  if (whole) return table?.direction === 'higher' ? Math.ceil(v) : Math.floor(v);
  return Math.round(v * 10) / 10;
}

async function seedFitness(db: Db, countyId: number, schoolYearId: number, rnd: Random, weights: number[]) {
  const students = await placed(db, countyId, schoolYearId, DEMO_FITNESS_GRADES);
  const rows = students.map((s) => {
    const code = gradeCodeOfLevel(s.grade_level);
    const sex = s.sex as 'M' | 'F';
    const exempt = rnd.chance(0.01);
    const heightCm = Math.round((108 + s.grade_level * 5.6 + rnd.real(-8, 8)) * 10) / 10;
    const bmi = rnd.weighted([16.5, 19.5, 21.5, 23.5, 13.2], [70, 12, 8, 5, 5]) + rnd.real(-1.2, 1.2);
    const weightKg = Math.round(bmi * (heightCm / 100) ** 2 * 10) / 10;
    const items: Record<string, number> = {};
    if (!exempt) {
      for (const [item] of applicableItems(code, sex)) {
        items[item] = valueAt(rnd, item, code, sex, rnd.weighted(LEVELS, weights));
      }
    }
    const m: Measurements = { gradeLevel: s.grade_level, sex, exempt, heightCm, weightKg, items };
    const scored = scoreMeasurements(STANDARD_2014, m);
    return {
      studentId: s.student_id,
      schoolId: s.school_id,
      classId: s.class_id,
      gradeLevel: s.grade_level,
      sex,
      exempt,
      heightCm,
      weightKg,
      items: JSON.stringify(items),
      bmi: scored.bmi,
      bmiCategory: scored.bmi_category,
      scores: JSON.stringify(scored.scores),
      standardScore: scored.standard_score,
      bonus: scored.bonus,
      total: scored.total,
      grade: scored.grade,
      notes: JSON.stringify(scored.notes),
    };
  });
  // One statement over arrays (unnest): far fewer bound parameters than a VALUES list.
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO health_fitness_results (county_id, school_year_id, student_id, school_id, class_id, grade_level, sex,
      exempt, height_cm, weight_kg, items, bmi, bmi_category, scores, standard_score, bonus, total, grade, notes)
    SELECT ${countyId}, ${schoolYearId}, * FROM unnest(${col('studentId')}::bigint[], ${col('schoolId')}::bigint[],
      ${col('classId')}::bigint[], ${col('gradeLevel')}::smallint[], ${col('sex')}::text[], ${col('exempt')}::boolean[],
      ${col('heightCm')}::numeric[], ${col('weightKg')}::numeric[], ${col('items')}::jsonb[], ${col('bmi')}::numeric[],
      ${col('bmiCategory')}::text[], ${col('scores')}::jsonb[], ${col('standardScore')}::numeric[], ${col('bonus')}::numeric[],
      ${col('total')}::numeric[], ${col('grade')}::text[], ${col('notes')}::jsonb[])`.execute(db);
}

/** Share of 近视 by grade 1–12 (rising through school, as screening reports show). */
const MYOPIA_BY_GRADE = [0.1, 0.15, 0.22, 0.3, 0.36, 0.42, 0.55, 0.62, 0.68, 0.74, 0.78, 0.81];

async function seedVision(db: Db, countyId: number, rnd: Random) {
  const term = await db
    .selectFrom('terms')
    .select(['id', 'school_year_id'])
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  if (!term) return;
  const students = await placed(db, countyId, term.school_year_id, null);
  const items = students.map((s) => {
    const myopic = rnd.chance(MYOPIA_BY_GRADE[s.grade_level - 1]);
    const eye = () => (myopic ? rnd.int(40, 49) / 10 : rnd.int(50, 52) / 10);
    const left = eye();
    const right = myopic && rnd.chance(0.3) ? rnd.int(50, 51) / 10 : eye();
    return {
      studentId: s.student_id,
      schoolId: s.school_id,
      classId: s.class_id,
      gradeLevel: s.grade_level,
      sex: s.sex,
      left,
      right,
      myopia: isMyopic(left, right),
    };
  });
  // One statement over arrays (unnest) per 10,000 rows: far fewer bound parameters than a VALUES list.
  for (let i = 0; i < items.length; i += 10_000) {
    const chunk = items.slice(i, i + 10_000);
    const col = <K extends keyof (typeof chunk)[number]>(k: K) => chunk.map((r) => r[k]);
    await sql`
      INSERT INTO health_vision_screenings
        (county_id, term_id, student_id, school_id, class_id, grade_level, sex, left_acuity, right_acuity, myopia)
      SELECT ${countyId}, ${term.id}, * FROM unnest(${col('studentId')}::bigint[], ${col('schoolId')}::bigint[],
        ${col('classId')}::bigint[], ${col('gradeLevel')}::smallint[], ${col('sex')}::text[], ${col('left')}::numeric[],
        ${col('right')}::numeric[], ${col('myopia')}::boolean[])`.execute(db);
  }
}
