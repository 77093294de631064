/**
 * The rates of the fitness and vision reports (口径 in docs/modules/health.md), from counts. Every rate is a
 * fraction 0–1, or null when its denominator is 0 (no data is not 0%).
 */

/** Counts of one group of students (a class, school or county, optionally one grade and sex) in one school year. */
export interface FitnessCounts {
  /** Students with a result row. */
  students: number;
  /** 免测 students (not scored; outside every fitness denominator). */
  exempt: number;
  /** Tested students whose total could not be computed (a standard cell is missing: "no standard value"). */
  unscored: number;
  excellent: number;
  good: number;
  pass: number;
  fail: number;
  /** Students with a BMI (height and weight measured, 免测 included). */
  bmiMeasured: number;
  underweight: number;
  overweight: number;
  obese: number;
}

export interface FitnessRates {
  /** Students with a 等级: excellent + good + pass + fail. */
  scored: number;
  passRate: number | null;
  goodRate: number | null;
  excellentRate: number | null;
  failRate: number | null;
  overweightRate: number | null;
  obesityRate: number | null;
  underweightRate: number | null;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/**
 * - scored = 优秀 + 良好 + 及格 + 不及格 (tested students with a 学年总分; 免测 and "no standard value" are left out);
 * - 合格率 (pass rate) = (优秀 + 良好 + 及格) / scored — 学年总分 ≥ 60.0;
 * - 优良率 (good rate) = (优秀 + 良好) / scored — 学年总分 ≥ 80.0;
 * - 优秀率 = 优秀 / scored — ≥ 90.0; 不及格率 = 不及格 / scored;
 * - 超重率 = 超重 / bmiMeasured, 肥胖率 = 肥胖 / bmiMeasured, 低体重率 = 低体重 / bmiMeasured (BMI category of
 *   the grade's and sex's band table; every student with height and weight, 免测 included).
 */
export function fitnessRates(c: FitnessCounts): FitnessRates {
  const scored = c.excellent + c.good + c.pass + c.fail;
  return {
    scored,
    passRate: ratio(c.excellent + c.good + c.pass, scored),
    goodRate: ratio(c.excellent + c.good, scored),
    excellentRate: ratio(c.excellent, scored),
    failRate: ratio(c.fail, scored),
    overweightRate: ratio(c.overweight, c.bmiMeasured),
    obesityRate: ratio(c.obese, c.bmiMeasured),
    underweightRate: ratio(c.underweight, c.bmiMeasured),
  };
}

/** Counts of one item in a group: students scored on it, sum of their scores, how many scored below 60. */
export interface ItemCounts {
  scored: number;
  scoreSum: number;
  below60: number;
}

/**
 * Item-level weak points: mean item score = Σ score / scored; item 不及格率 = (score < 60) / scored, over the
 * students with a score on that item (a missing standard cell leaves the student out of that item only).
 */
export function itemRates(c: ItemCounts): { meanScore: number | null; failRate: number | null } {
  return { meanScore: ratio(c.scoreSum, c.scored), failRate: ratio(c.below60, c.scored) };
}

/**
 * 近视率 (myopia rate) = students screened as 近视 / students screened, in one term; its change against last year
 * = this rate − the same unit's rate in the same term kind of the previous school year (percentage points as a
 * fraction; null when either is null).
 */
export function myopiaRate(myopic: number, screened: number): number | null {
  return ratio(myopic, screened);
}

export function rateChange(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : now - before;
}
