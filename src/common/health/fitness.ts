/**
 * Scoring engine of 国家学生体质健康标准（2014年修订）(教体艺〔2014〕5号). Pure functions over a FitnessStandard
 * (default: the shipped STANDARD_2014); every threshold, weight, band and cap comes from the standard's data files,
 * never from code. Rule texts are quoted from rules.json by key.
 */
import { bmiGroupOf, GRADE_LABELS, parseGrade, parseSex } from './grades.js';
import { ITEM_INFO, RANGES, WHOLE_NUMBER_ITEMS } from './ranges.js';
import {
  type CellStatus,
  type FitnessStandard,
  type GradeCode,
  ITEM_KEYS,
  type ItemKey,
  type ItemTable,
  type Sex,
  STANDARD_2014,
} from './standard.js';
import { parseNumber, parseTimeSeconds } from './time.js';

export { parseGrade, parseSex } from './grades.js';
export type { FitnessStandard, GradeCode, ItemKey, Sex } from './standard.js';
export { ITEM_KEYS, STANDARD_2014 } from './standard.js';
export { parseTimeSeconds } from './time.js';

/** One student's measurements. Times in seconds; lengths in cm; volume in ml. */
export interface StudentInput {
  /** Grade label (一年级 … 大四) or grade code (P1 … U34). */
  grade: string;
  /** 男/女 or M/F. */
  sex: string;
  heightCm: number | null;
  weightKg: number | null;
  items: Partial<Record<ItemKey, number>>;
  /** 免测: exempt from testing. */
  exempt?: boolean;
}

/** Score of one item: `score` null (with `reason`) when the standard has no value to decide it. */
export interface ItemResult {
  value: number;
  score: number | null;
  /** Weight in percent (weights.csv). */
  weight: number;
  /** Verification status of the cell that decided the score (null if none did). */
  cellStatus: CellStatus | null;
  reason?: string;
}

/** The full result for one student. Totals are null when any part is null; `notes` says why. */
export interface FitnessResult {
  gradeCode: GradeCode;
  sex: Sex;
  exempt: boolean;
  bmi: number | null;
  bmiCategory: string | null;
  bmiScore: number | null;
  items: Partial<Record<ItemKey, ItemResult>>;
  standardScore: number | null;
  bonus: number | null;
  bonusByItem: Partial<Record<ItemKey, number | null>>;
  total: number | null;
  /** 等级: 优秀/良好/及格/不及格, null when the total is null. */
  grade: string | null;
  notes: string[];
}

/** Input refused: every problem found, in Chinese. */
export class FitnessInputError extends Error {
  override readonly name = 'FitnessInputError';
  constructor(readonly problems: string[]) {
    super(problems.join('；'));
  }
}

const SEX_CN: Record<Sex, string> = { M: '男生', F: '女生' };

/** Rounds to `digits` decimals, half away from zero, cleaning float noise (e.g. 18.05 → 18.1). */
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
}

/**
 * BMI = 体重(kg) / 身高(m)², rounded to one decimal (half up) because the bands of bmi.csv (rules.json
 * `bmi_scoring.bands`) are written at 0.1 resolution with no gaps at that resolution (e.g. 正常 ≤18.1, 超重 ≥18.2).
 */
export function computeBmi(heightCm: number, weightKg: number): number {
  const m = heightCm / 100;
  return round(weightKg / (m * m), 1);
}

/**
 * BMI category and score (rules.json `bmi_scoring`: 正常 100, 低体重 80, 超重 80, 肥胖 60) from the grade's BMI band
 * table (bmi.csv; 大学 uses one group U). Bounds are inclusive.
 */
export function bmiCategory(
  code: GradeCode,
  sex: Sex,
  bmi: number,
  std: FitnessStandard = STANDARD_2014,
): { category: string; score: number; status: CellStatus } {
  const bands = std.bmi[bmiGroupOf(code)]?.[sex] ?? [];
  for (const b of bands) {
    if ((b.min === null || bmi >= b.min) && (b.max === null || bmi <= b.max)) {
      const score = std.rules.bmiScoring[b.category] ?? b.score;
      return { category: b.category, score, status: b.status };
    }
  }
  throw new Error(`no BMI band for ${code} ${sex} ${bmi}`);
}

/**
 * The items scored for a grade and sex with their weights (weights.csv via rules.json `weights_percent`; the
 * grade → group map follows `test_items_by_group`), BMI excluded.
 */
export function applicableItems(code: GradeCode, sex: Sex, std: FitnessStandard = STANDARD_2014): [ItemKey, number][] {
  const w = std.rules.weights[std.rules.weightGroups[code]][sex];
  return ITEM_KEYS.filter((k) => w[k] !== undefined).map((k) => [k, w[k] as number]);
}

/**
 * Single-item score (rules.json `item_score_lookup`): the highest score level whose threshold the result meets
 * (`higher`: result ≥ threshold; `lower`: result ≤ threshold); below the 10-point threshold → 0. Cells are read from
 * 100 down; if a cell needed to decide is missing (no threshold), the score is null with reason "no standard value"
 * — never interpolated. A result meeting a present cell above every missing cell is still scored exactly.
 */
export function scoreItem(
  table: ItemTable | undefined,
  value: number,
  label = '',
): { score: number | null; cellStatus: CellStatus | null; reason?: string } {
  if (!table) return { score: null, cellStatus: null, reason: `no standard value：标准缺少${label}评分表` };
  for (const c of table.cells) {
    if (c.threshold === null) {
      return {
        score: null,
        cellStatus: 'missing',
        reason: `no standard value：${label}${c.score}分标准值缺失，无法判定得分`,
      };
    }
    const met = table.direction === 'higher' ? value >= c.threshold : value <= c.threshold;
    if (met) return { score: c.score, cellStatus: c.status };
  }
  const last = table.cells[table.cells.length - 1];
  return { score: 0, cellStatus: last ? last.status : null };
}

/** The bonus items of a grade and sex (rules.json `bonus.小学.item`, `bonus.初中、高中、大学.items`) and their cap. */
export function bonusItems(
  code: GradeCode,
  sex: Sex,
  std: FitnessStandard = STANDARD_2014,
): { items: ItemKey[]; maxPerItem: number } {
  const b = std.rules.bonus;
  if (std.rules.levelOfGrade[code] === '小学')
    return { items: b.primary.items as ItemKey[], maxPerItem: b.primary.maxPerItem };
  return { items: b.secondary.items[sex] as ItemKey[], maxPerItem: b.secondary.maxPerItem };
}

/**
 * 附加分 of one item (rules.json `bonus`; bonus.csv): only a result beyond the grade's 100-point threshold earns
 * points; the improvement (reps more, or seconds faster) earns the highest bonus.csv step it reaches (跳绳: +1 per 2
 * reps; 引体向上 1 per rep; 仰卧起坐 2,4,6,7,…,13; 1000米 4,8,…,35 s; 800米 5 s per point), capped at the item's
 * maximum (小学 跳绳 20, others 10). Null when the 100-point threshold is missing.
 */
export function itemBonus(
  code: GradeCode,
  sex: Sex,
  item: ItemKey,
  value: number,
  std: FitnessStandard = STANDARD_2014,
): { points: number | null; reason?: string } {
  const { items, maxPerItem } = bonusItems(code, sex, std);
  if (!items.includes(item)) return { points: 0 };
  const table = std.grades[code][sex][item];
  const top = table?.cells.find((c) => c.score === 100);
  if (!table || !top || top.threshold === null) {
    return { points: null, reason: `no standard value：${ITEM_INFO[item].cn}100分标准值缺失，无法计算附加分` };
  }
  const improvement = round(table.direction === 'higher' ? value - top.threshold : top.threshold - value, 2);
  if (improvement <= 0) return { points: 0 };
  let points = 0;
  for (const step of std.bonus[sex][item] ?? [])
    if (improvement >= step.improvement) points = Math.max(points, step.points);
  return { points: Math.min(points, maxPerItem) };
}

/**
 * 等级 of a 学年总分 (rules.json `grade_bands_on_academic_year_total`: 优秀 ≥90.0, 良好 80.0–89.9, 及格 60.0–79.9,
 * 不及格 ≤59.9): the band with the highest lower bound the total reaches (a total between two written bounds, e.g.
 * 89.95, belongs to the lower band).
 */
export function gradeBand(total: number, std: FitnessStandard = STANDARD_2014): string {
  const bands = [...std.rules.gradeBands].sort(
    (a, b) => (b.min ?? Number.NEGATIVE_INFINITY) - (a.min ?? Number.NEGATIVE_INFINITY),
  );
  for (const b of bands) if (b.min === null || total >= b.min) return b.name;
  throw new Error('no grade band');
}

/**
 * 毕业成绩 (rules.json `graduation_score`): 毕业当年学年总分 × 50% + 其他学年总分平均得分 × 50%, rounded to 2 decimals.
 * Refuses when there is no other year (the rule does not say what to do then).
 */
export function graduationScore(
  finalYearTotal: number,
  otherYearTotals: readonly number[],
  std: FitnessStandard = STANDARD_2014,
): number {
  if (otherYearTotals.length === 0) throw new FitnessInputError(['毕业成绩需要毕业当年以外至少一个学年的学年总分']);
  const mean = otherYearTotals.reduce((a, b) => a + b, 0) / otherYearTotals.length;
  const g = std.rules.graduation;
  return round((finalYearTotal * g.finalYearPercent + mean * g.otherYearsMeanPercent) / 100, 2);
}

/** Checks a value against its plausible range (ranges.ts); the Chinese problem, or null when it is plausible. */
function rangeProblem(key: keyof typeof RANGES, label: string, unit: string, value: number): string | null {
  const r = RANGES[key];
  if (value >= r.min && value <= r.max) return null;
  return `${label} ${value}${unit} 不可能（合理范围 ${r.min}–${r.max}${unit}；${r.hint}）`;
}

/**
 * Parses one item cell as imported: times (50米跑, 50米×8, 1000米, 800米) as seconds or 分'秒"; other items as
 * numbers. Returns the value, null for an empty cell, or a Chinese problem.
 */
export function parseItemCell(item: ItemKey, text: string): { value: number | null } | { problem: string } {
  if (text.trim() === '') return { value: null };
  const info = ITEM_INFO[item];
  const v = info.time ? parseTimeSeconds(text) : parseNumber(text);
  if (v === null) {
    return {
      problem: info.time
        ? `${info.cn}“${text}”不是时间（应为秒或 分'秒"，如 3'17" 或 197）`
        : `${info.cn}“${text}”不是数字`,
    };
  }
  return { value: v };
}

/**
 * Validates one student's input and returns every problem found (empty = valid): grade and sex recognised;
 * height/weight present (unless 免测) and plausible (ranges.ts), BMI plausible; every result for an item that
 * applies to the grade and sex (weights.csv) and plausible; every applicable item present; a 免测 student with no
 * results (the bad inputs).
 */
export function validateStudent(input: StudentInput, std: FitnessStandard = STANDARD_2014): string[] {
  const problems: string[] = [];
  const code = parseGrade(input.grade);
  const sex = parseSex(input.sex);
  if (!code) problems.push(`年级“${input.grade}”无法识别（应为 ${GRADE_LABELS.join('、')}）`);
  if (!sex) problems.push(`性别“${input.sex}”无法识别（应为 男 或 女）`);
  const exempt = input.exempt === true;
  for (const [key, label, unit, v] of [
    ['height', '身高', '厘米', input.heightCm],
    ['weight', '体重', '千克', input.weightKg],
  ] as const) {
    if (v === null || v === undefined) {
      if (!exempt) problems.push(`缺少${label}`);
    } else {
      const p = rangeProblem(key, label, unit, v);
      if (p) problems.push(p);
    }
  }
  if (
    input.heightCm != null &&
    input.weightKg != null &&
    !rangeProblem('height', '', '', input.heightCm) &&
    !rangeProblem('weight', '', '', input.weightKg)
  ) {
    const p = rangeProblem('bmi', 'BMI', '', computeBmi(input.heightCm, input.weightKg));
    if (p) problems.push(p);
  }
  const given = ITEM_KEYS.filter((k) => input.items[k] !== undefined && input.items[k] !== null);
  if (exempt) {
    if (given.length > 0) {
      problems.push(`免测学生不应有测试成绩（${given.map((k) => ITEM_INFO[k].cn).join('、')}）；请删除成绩或取消免测`);
    }
    return problems;
  }
  if (!code || !sex) return problems;
  const applicable = new Map(applicableItems(code, sex, std));
  const gradeName = std.grades[code].grade;
  for (const k of given) {
    const info = ITEM_INFO[k];
    const v = input.items[k] as number;
    if (!applicable.has(k)) {
      const other: Sex = sex === 'M' ? 'F' : 'M';
      const forOtherSex = new Map(applicableItems(code, other, std)).has(k);
      problems.push(
        forOtherSex
          ? `${info.cn} 不适用于${SEX_CN[sex]}（${gradeName}${SEX_CN[other]}项目）`
          : `${info.cn} 不适用于${gradeName}`,
      );
      continue;
    }
    if (WHOLE_NUMBER_ITEMS.includes(k) && !Number.isInteger(v)) problems.push(`${info.cn} ${v} 应为整数次数`);
    const p = rangeProblem(k, info.cn, info.unit, v);
    if (p) problems.push(p);
  }
  for (const k of applicable.keys()) {
    if (!given.includes(k)) problems.push(`缺少${ITEM_INFO[k].cn}成绩（${gradeName}${SEX_CN[sex]}必测项目）`);
  }
  return problems;
}

/**
 * Scores one student (throws FitnessInputError if validateStudent finds problems): BMI and category; each item's
 * score; 标准分 = Σ 单项得分 × 权重 (rules.json `standard_score`); 附加分 summed and capped at `bonus.total_max`;
 * 学年总分 = 标准分 + 附加分 (`academic_year_total`); 等级 from the total. Any null part makes the totals null, and
 * `notes` says why. 免测: rules.json has no rule for exempt students, so nothing is scored (totals and 等级 null,
 * noted); BMI is still given when height and weight are.
 */
export function scoreStudent(input: StudentInput, std: FitnessStandard = STANDARD_2014): FitnessResult {
  const problems = validateStudent(input, std);
  if (problems.length > 0) throw new FitnessInputError(problems);
  const code = parseGrade(input.grade) as GradeCode;
  const sex = parseSex(input.sex) as Sex;
  const gradeName = std.grades[code].grade;
  const label = `${gradeName}${SEX_CN[sex]}`;
  const notes: string[] = [];
  let bmi: number | null = null;
  let bmiCat: { category: string; score: number } | null = null;
  if (input.heightCm != null && input.weightKg != null) {
    bmi = computeBmi(input.heightCm, input.weightKg);
    bmiCat = bmiCategory(code, sex, bmi, std);
  }
  const result: FitnessResult = {
    gradeCode: code,
    sex,
    exempt: input.exempt === true,
    bmi,
    bmiCategory: bmiCat?.category ?? null,
    bmiScore: bmiCat?.score ?? null,
    items: {},
    standardScore: null,
    bonus: null,
    bonusByItem: {},
    total: null,
    grade: null,
    notes,
  };
  if (result.exempt) {
    notes.push('免测：标准规则（rules.json）未规定免测学生的计分办法，不计算标准分、附加分、学年总分和等级');
    return result;
  }
  const bmiWeight = std.rules.weights[std.rules.weightGroups[code]][sex].bmi ?? 0;
  let weighted: number | null = (bmiCat?.score ?? 0) * bmiWeight;
  let bonusSum: number | null = 0;
  for (const [k, weight] of applicableItems(code, sex, std)) {
    const value = input.items[k] as number;
    const table = std.grades[code][sex][k];
    const s = scoreItem(table, value, `${label}${ITEM_INFO[k].cn}`);
    const item: ItemResult = { value, score: s.score, weight, cellStatus: s.cellStatus };
    if (s.reason) {
      item.reason = s.reason;
      notes.push(s.reason);
    }
    if (s.cellStatus === 'conflict') {
      notes.push(`${label}${ITEM_INFO[k].cn}${s.score}分标准值各来源不一致（conflict），按标准文件所选值计分`);
    }
    result.items[k] = item;
    weighted = s.score === null || weighted === null ? null : weighted + s.score * weight;
    const b = itemBonus(code, sex, k, value, std);
    if (bonusItems(code, sex, std).items.includes(k)) result.bonusByItem[k] = b.points;
    if (b.reason) notes.push(b.reason);
    bonusSum = b.points === null || bonusSum === null ? null : bonusSum + b.points;
  }
  result.standardScore = weighted === null ? null : weighted / 100;
  result.bonus = bonusSum === null ? null : Math.min(bonusSum, std.rules.bonus.totalMax);
  if (result.standardScore === null) notes.push('标准分无法计算：有单项缺少标准值');
  if (result.bonus === null) notes.push('附加分无法计算：加分项目缺少100分标准值');
  if (result.standardScore !== null && result.bonus !== null) {
    result.total = round(result.standardScore + result.bonus, 2);
    result.grade = gradeBand(result.total, std);
  }
  return result;
}
