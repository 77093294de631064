/**
 * From a student's measurements to the stored columns of health_fitness_results, with the pure engine of
 * src/common/health and the county's standard; and re-scoring everything stored after the standard changes.
 */
import { graduationScore, scoreStudent } from '../../../common/health/fitness.js';
import { type FitnessStandard, type GradeCode, ITEM_KEYS, type ItemKey } from '../../../common/health/standard.js';
import { stageOfGrade } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import type { FitnessItems, FitnessScores } from './tables.js';

/** Grade level 1–12 of the registry → the standard's grade code (一年级 P1 … 九年级 J3, 高一 S1 … 高三 S3). */
export function gradeCodeOfLevel(level: number): GradeCode {
  if (level <= 6) return `P${level}` as GradeCode;
  if (level <= 9) return `J${level - 6}` as GradeCode;
  return `S${level - 9}` as GradeCode;
}

/** Last year of each stage (小学六年级, 初三, 高三): the years whose 毕业成绩 is computed. */
export const GRADUATION_LEVELS: readonly number[] = [6, 9, 12];

export interface Measurements {
  gradeLevel: number;
  sex: 'M' | 'F';
  exempt: boolean;
  heightCm: number | null;
  weightKg: number | null;
  items: FitnessItems;
}

/** The scored columns of a result row. */
export interface ScoredColumns {
  bmi: number | null;
  bmi_category: string | null;
  scores: FitnessScores;
  standard_score: number | null;
  bonus: number | null;
  total: number | null;
  grade: string | null;
  notes: string[];
}

/** Scores validated measurements (validateStudent must have passed) with the county's standard. */
export function scoreMeasurements(std: FitnessStandard, m: Measurements): ScoredColumns {
  const r = scoreStudent(
    {
      grade: gradeCodeOfLevel(m.gradeLevel),
      sex: m.sex,
      heightCm: m.heightCm,
      weightKg: m.weightKg,
      items: m.items as Partial<Record<ItemKey, number>>,
      exempt: m.exempt,
    },
    std,
  );
  const scores: FitnessScores = {};
  for (const k of ITEM_KEYS) {
    const it = r.items[k];
    if (it) scores[k] = { score: it.score, status: it.cellStatus };
  }
  return {
    bmi: r.bmi,
    bmi_category: r.bmiCategory,
    scores,
    standard_score: r.standardScore === null ? null : Math.round(r.standardScore * 100) / 100,
    bonus: r.bonus,
    total: r.total,
    grade: r.grade,
    notes: r.notes,
  };
}

/**
 * 毕业成绩 of a graduation-year result (rules.json `graduation_score`): this year's 学年总分 × 50% + the mean of the
 * student's other years' 学年总分 in the same stage × 50%. Null when this is not a graduation year, this year's
 * total is missing, or there is no other year on record (the rule needs one).
 */
export function graduationOf(
  std: FitnessStandard,
  gradeLevel: number,
  total: number | null,
  others: { gradeLevel: number; total: number | null }[],
): number | null {
  if (!GRADUATION_LEVELS.includes(gradeLevel) || total === null) return null;
  const stage = stageOfGrade(gradeLevel);
  const totals = others
    .filter((o) => o.gradeLevel !== gradeLevel && stageOfGrade(o.gradeLevel) === stage && o.total !== null)
    .map((o) => o.total as number);
  return totals.length === 0 ? null : graduationScore(total, totals, std);
}

/** Every stored result of the students, for their graduation scores: student id → [grade level, total, year]. */
export async function totalsOfStudents(db: Db, countyId: number, studentIds: number[]) {
  const out = new Map<number, { gradeLevel: number; total: number | null; schoolYearId: number }[]>();
  if (studentIds.length === 0) return out;
  const rows = await db
    .selectFrom('health_fitness_results')
    .select(['student_id', 'grade_level', 'total', 'school_year_id'])
    .where('county_id', '=', countyId)
    .where('student_id', 'in', studentIds)
    .execute();
  for (const r of rows) {
    const list = out.get(r.student_id) ?? [];
    list.push({ gradeLevel: r.grade_level, total: r.total, schoolYearId: r.school_year_id });
    out.set(r.student_id, list);
  }
  return out;
}

/**
 * Re-scores every stored result of the county with `std` (after a correction of the standard), then the
 * graduation scores; returns how many rows changed. Runs in the caller's transaction.
 */
export async function rescoreCounty(tx: Db, countyId: number, std: FitnessStandard): Promise<number> {
  const rows = await tx
    .selectFrom('health_fitness_results')
    .selectAll()
    .where('county_id', '=', countyId)
    .orderBy('id')
    .execute();
  let changed = 0;
  const totals = new Map<number, { gradeLevel: number; total: number | null; schoolYearId: number }[]>();
  const scored = rows.map((r) => {
    const s = scoreMeasurements(std, {
      gradeLevel: r.grade_level,
      sex: r.sex as 'M' | 'F',
      exempt: r.exempt,
      heightCm: r.height_cm,
      weightKg: r.weight_kg,
      items: r.items,
    });
    const list = totals.get(r.student_id) ?? [];
    list.push({ gradeLevel: r.grade_level, total: s.total, schoolYearId: r.school_year_id });
    totals.set(r.student_id, list);
    return { row: r, s };
  });
  for (const { row, s } of scored) {
    const others = (totals.get(row.student_id) ?? []).filter((o) => o.schoolYearId !== row.school_year_id);
    const graduation = graduationOf(std, row.grade_level, s.total, others);
    const same =
      sameScores(s.scores, row.scores) &&
      s.total === row.total &&
      s.standard_score === row.standard_score &&
      s.bonus === row.bonus &&
      s.grade === row.grade &&
      graduation === row.graduation_score;
    if (same) continue;
    changed++;
    await tx
      .updateTable('health_fitness_results')
      .set({
        scores: JSON.stringify(s.scores),
        standard_score: s.standard_score,
        bonus: s.bonus,
        total: s.total,
        grade: s.grade,
        notes: JSON.stringify(s.notes),
        graduation_score: graduation,
        updated_at: new Date(),
      })
      .where('county_id', '=', countyId)
      .where('id', '=', row.id)
      .execute();
  }
  return changed;
}

/** Item scores compared key by key (jsonb does not keep the key order they were written in). */
function sameScores(a: FitnessScores, b: FitnessScores): boolean {
  return ITEM_KEYS.every(
    (k) => (a[k]?.score ?? 'none') === (b[k]?.score ?? 'none') && (a[k]?.status ?? 'none') === (b[k]?.status ?? 'none'),
  );
}
