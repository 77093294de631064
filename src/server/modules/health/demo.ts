import { sql } from 'kysely';
import { Random } from '../../../../scripts/demo/random.js';
import { applicableItems } from '../../../common/health/fitness.js';
import { type ItemKey, STANDARD_2014 } from '../../../common/health/standard.js';
import { isMyopic } from '../../../common/health/vision.js';
import type { Db } from '../../db/pool.js';
import { gradeCodeOfLevel, type Measurements, scoreMeasurements } from './fitness-scoring.js';

/**
 * Grades given a fitness test in the demo (五年级 and 八年级: their tables in the 2014 standard are complete), in this
 * and last school year, so the trend shows; kept to two grades so the demo loads in seconds.
 */
const DEMO_FITNESS_GRADES = [5, 8];

/**
 * Score levels a demo result lands on. Each student has an ability (an index into LEVELS, drawn with these weights;
 * last year a little weaker, so the trend shows) and each item lands within two levels of it, so about one in twenty
 * fails, as county reports show.
 */
const LEVELS = [100, 90, 80, 76, 70, 64, 60, 50, 30];
const WEIGHTS = { current: [3, 9, 17, 20, 20, 14, 10, 5, 2], last: [2, 8, 16, 19, 21, 15, 11, 6, 2] };

/**
 * The health module's records in the demo county (deterministic, a few seconds): fitness results of 五年级 and 八年级
 * for this school year and last year (every placed student; about 1% 免测), and one vision screening of
 * every placed student in the current term; a mental-health screening round per school with alert cards. Values are
 * drawn around the standard's own thresholds. Bulk inserts (unnest) keep it to seconds on the 40,000-student county.
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
  const term = await db
    .selectFrom('terms')
    .select(['id', 'name'])
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  if (!current || !term) return;
  // This year's placed students, read once for the fitness test, the vision screening and the mental-health round.
  const students = await placed(db, countyId, current.id);
  const tested = (list: Placed[]) => list.filter((s) => DEMO_FITNESS_GRADES.includes(s.grade_level));
  await seedFitness(db, countyId, current.id, tested(students), rnd.fork('fitness-current'), WEIGHTS.current);
  if (last) {
    const lastYear = tested(await placed(db, countyId, last.id));
    await seedFitness(db, countyId, last.id, lastYear, rnd.fork('fitness-last'), WEIGHTS.last);
  }
  await seedVision(db, countyId, term.id, students, rnd.fork('vision'));
  await seedMental(db, countyId, term, students, rnd.fork('mental'));
}

type Placed = Awaited<ReturnType<typeof placed>>[number];

/** Students placed in a class of the school year (the class they were in that year), in student order. */
async function placed(db: Db, countyId: number, schoolYearId: number) {
  const rows = await sql<{ student_id: number; class_id: number; school_id: number; grade_level: number; sex: string }>`
    SELECT DISTINCT ON (s.id) s.id AS student_id, c.id AS class_id, c.school_id, c.grade_level, s.gender AS sex
    FROM students s
    JOIN student_enrollments e ON e.county_id = s.county_id AND e.student_id = s.id
    JOIN classes c ON c.county_id = e.county_id AND c.id = e.class_id
    WHERE s.county_id = ${countyId} AND c.school_year_id = ${schoolYearId}
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

async function seedFitness(
  db: Db,
  countyId: number,
  schoolYearId: number,
  students: Placed[],
  rnd: Random,
  weights: number[],
) {
  const rows = students.map((s) => {
    const code = gradeCodeOfLevel(s.grade_level);
    const sex = s.sex as 'M' | 'F';
    const exempt = rnd.chance(0.01);
    const heightCm = Math.round((108 + s.grade_level * 5.6 + rnd.real(-8, 8)) * 10) / 10;
    const bmi = rnd.weighted([16.5, 19.5, 21.5, 23.5, 13.2], [70, 12, 8, 5, 5]) + rnd.real(-1.2, 1.2);
    const weightKg = Math.round(bmi * (heightCm / 100) ** 2 * 10) / 10;
    const items: Record<string, number> = {};
    if (!exempt) {
      const ability = rnd.weighted(
        LEVELS.map((_, i) => i),
        weights,
      );
      for (const [item] of applicableItems(code, sex)) {
        const level = LEVELS[Math.min(LEVELS.length - 1, Math.max(0, ability + rnd.int(-2, 2)))];
        items[item] = valueAt(rnd, item, code, sex, level);
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

/** One screening: every placed student in the current term. */
async function seedVision(db: Db, countyId: number, termId: number, students: Placed[], rnd: Random) {
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
      SELECT ${countyId}, ${termId}, * FROM unnest(${col('studentId')}::bigint[], ${col('schoolId')}::bigint[],
        ${col('classId')}::bigint[], ${col('gradeLevel')}::smallint[], ${col('sex')}::text[], ${col('left')}::numeric[],
        ${col('right')}::numeric[], ${col('myopia')}::boolean[])`.execute(db);
  }
}

const REASONS: Record<'red' | 'yellow' | 'blue', string[]> = {
  red: ['量表总分高于临界值，自述有轻生念头', '近期情绪持续低落，拒绝上学'],
  yellow: ['量表焦虑因子偏高，睡眠差', '家庭变故后情绪波动大', '人际关系紧张，常独处'],
  blue: ['量表个别因子偏高，需关注', '学习压力大，偶有焦虑', '新转入学生，适应期'],
};

/**
 * One screening round per school in the current term (every placed student screened, scale MHT) and alert cards for
 * about 1.5% of them (红 0.2%, 黄 0.5%, 蓝 0.8%), each with a plan and the student's 班主任 as helper; a fifth of the
 * blue cards are closed with a follow-up.
 */
async function seedMental(
  db: Db,
  countyId: number,
  term: { id: number; name: string },
  students: Placed[],
  rnd: Random,
) {
  const classIds = [...new Set(students.map((s) => s.class_id))];
  const heads = new Map(
    classIds.length === 0
      ? []
      : (
          await db
            .selectFrom('classes')
            .select(['id', 'head_teacher_id'])
            .where('county_id', '=', countyId)
            .where('id', 'in', classIds)
            .execute()
        ).map((c) => [c.id, c.head_teacher_id]),
  );
  const schoolIds = [...new Set(students.map((s) => s.school_id))].sort((a, b) => a - b);
  const screened = new Map<number, number>();
  for (const s of students) screened.set(s.school_id, (screened.get(s.school_id) ?? 0) + 1);
  const rounds = await db
    .insertInto('health_mental_rounds')
    .values(
      schoolIds.map((schoolId) => ({
        county_id: countyId,
        school_id: schoolId,
        term_id: term.id,
        name: `${term.name}心理健康筛查`,
        scale: 'MHT 心理健康诊断测验',
        screened: screened.get(schoolId) ?? 0,
      })),
    )
    .returning(['id', 'school_id'])
    .execute();
  const roundOf = new Map(rounds.map((r) => [r.school_id, r.id]));
  const cards = students.flatMap((s) => {
    const level = rnd.chance(0.002) ? 'red' : rnd.chance(0.005) ? 'yellow' : rnd.chance(0.008) ? 'blue' : null;
    if (!level) return [];
    const closed = level === 'blue' && rnd.chance(0.2);
    return [
      {
        county_id: countyId,
        school_id: s.school_id,
        round_id: roundOf.get(s.school_id) ?? null,
        student_id: s.student_id,
        level,
        reason: rnd.pick(REASONS[level]),
        scale_score: rnd.int(level === 'red' ? 65 : level === 'yellow' ? 56 : 50, level === 'red' ? 80 : 64),
        plan:
          level === 'blue' ? '班主任日常关注，每月谈心一次' : '心理教师每周个别辅导；联系家长共同关注；必要时转介医院',
        helper_staff_id: heads.get(s.class_id) ?? null,
        status: closed ? 'closed' : 'open',
        closing_note: closed ? '情绪稳定，学习生活正常，结案' : null,
        closed_at: closed ? new Date() : null,
        updated_at: new Date(),
      },
    ];
  });
  for (let i = 0; i < cards.length; i += 1000) {
    await db
      .insertInto('health_mental_cards')
      .values(cards.slice(i, i + 1000))
      .execute();
  }
}
