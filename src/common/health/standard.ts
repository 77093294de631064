/**
 * The shipped standard: 国家学生体质健康标准（2014年修订）(教体艺〔2014〕5号) as data, generated into standard-2014/ by
 * scripts/fitness/build-standard.ts from the cross-checked transcription. Types, the loaded standard, and a check
 * that refuses a standard whose tables are not monotonic (a county's corrected copy goes through the same check).
 */
import bmiJson from './standard-2014/bmi.json';
import bonusJson from './standard-2014/bonus.json';
import rulesJson from './standard-2014/rules.json';
import scoresJson from './standard-2014/scores.json';

/** Keys of the test items (scores.csv `item`). */
export const ITEM_KEYS = [
  'vital_capacity',
  'run_50m',
  'sit_and_reach',
  'rope_skip_1min',
  'sit_up_1min',
  'shuttle_50x8',
  'standing_long_jump',
  'pull_up',
  'run_1000m',
  'run_800m',
] as const;
export type ItemKey = (typeof ITEM_KEYS)[number];
export type Sex = 'M' | 'F';
/** Grade codes of scores.csv: P1–P6 小学, J1–J3 初中, S1–S3 高中, U12 大学一二年级, U34 大学三四年级. */
export type GradeCode =
  | 'P1'
  | 'P2'
  | 'P3'
  | 'P4'
  | 'P5'
  | 'P6'
  | 'J1'
  | 'J2'
  | 'J3'
  | 'S1'
  | 'S2'
  | 'S3'
  | 'U12'
  | 'U34';
/** Verification status of a transcribed cell (README.md of the transcription). */
export type CellStatus = 'verified' | 'verified_majority' | 'single_source' | 'conflict' | 'missing' | string;

/** One score level of an item table: the threshold needed for `score` (null when no source had it). */
export interface ScoreCell {
  score: number;
  threshold: number | null;
  status: CellStatus;
  otherValues?: string;
}
/** The score table of one item for one grade and sex; `cells` run from 100 points down to 10. */
export interface ItemTable {
  itemCn: string;
  unit: string;
  direction: 'higher' | 'lower';
  cells: ScoreCell[];
}
/** One BMI band (bmi.csv): category, its score, inclusive bounds at 0.1 resolution (null = open). */
export interface BmiBand {
  category: string;
  score: number;
  min: number | null;
  max: number | null;
  status: CellStatus;
}
/** One row of a 加分 table (bonus.csv): improvement over the 100-point threshold needed for `points`. */
export interface BonusStep {
  points: number;
  improvement: number;
  status: CellStatus;
}
/** The structured rules (generated from rules.json). */
export interface StandardRules {
  scoreLevels: number[];
  bmiScoring: Record<string, number>;
  weightGroups: Record<GradeCode, string>;
  weights: Record<string, Record<Sex, Partial<Record<ItemKey | 'bmi', number>>>>;
  bonus: {
    totalMax: number;
    primary: { items: string[]; maxPerItem: number };
    secondary: { items: Record<Sex, string[]>; maxPerItem: number };
  };
  levelOfGrade: Record<GradeCode, string>;
  gradeBands: { name: string; min: number | null; max: number | null }[];
  graduation: { finalYearPercent: number; otherYearsMeanPercent: number };
}
/** A complete standard: score tables, BMI bands, bonus tables and rules. */
export interface FitnessStandard {
  id: string;
  grades: Record<GradeCode, { level: string; grade: string } & Record<Sex, Partial<Record<ItemKey, ItemTable>>>>;
  bmi: Record<string, Record<Sex, BmiBand[]>>;
  bonus: Record<Sex, Partial<Record<ItemKey, BonusStep[]>>>;
  rules: StandardRules;
}

/**
 * Checks a standard before use and returns the problems found (empty = usable): in every item table the present
 * thresholds must be monotonic (higher: strictly falling as the score falls; lower: strictly rising) — the
 * "highest level met" lookup of rules.json `item_score_lookup` relies on it; BMI bands must not overlap; weights
 * of each group must sum to 100 (rules.json `weights_percent`).
 */
export function checkStandard(std: FitnessStandard): string[] {
  const problems: string[] = [];
  for (const [code, g] of Object.entries(std.grades)) {
    for (const sex of ['M', 'F'] as const) {
      for (const [item, t] of Object.entries(g[sex]) as [ItemKey, ItemTable][]) {
        let prev: ScoreCell | null = null;
        for (const c of t.cells) {
          if (c.threshold === null) continue;
          if (prev && prev.threshold !== null) {
            const ok = t.direction === 'higher' ? c.threshold < prev.threshold : c.threshold > prev.threshold;
            if (!ok) {
              problems.push(
                `${code} ${sex === 'M' ? '男' : '女'} ${t.itemCn}：${c.score}分标准 ${c.threshold} 与 ${prev.score}分标准 ${prev.threshold} 不单调（${item}）`,
              );
            }
          }
          prev = c;
        }
      }
    }
  }
  for (const [group, bySex] of Object.entries(std.bmi)) {
    for (const [sex, bands] of Object.entries(bySex)) {
      const sorted = [...bands].sort((a, b) => (a.min ?? -1) - (b.min ?? -1));
      for (let i = 1; i < sorted.length; i++) {
        const before = sorted[i - 1].max;
        const min = sorted[i].min;
        if (before === null || min === null || min <= before) {
          problems.push(`BMI ${group} ${sex}：${sorted[i - 1].category} 与 ${sorted[i].category} 区间重叠`);
        }
      }
    }
  }
  for (const [group, bySex] of Object.entries(std.rules.weights)) {
    for (const [sex, w] of Object.entries(bySex)) {
      const sum = Object.values(w).reduce((a, b) => a + (b ?? 0), 0);
      if (sum !== 100) problems.push(`权重 ${group} ${sex} 合计 ${sum}，应为 100`);
    }
  }
  return problems;
}

/** The shipped standard (2014 revision), checked at load; a broken shipped table fails loudly. */
export const STANDARD_2014: FitnessStandard = {
  id: 'gb-2014',
  grades: scoresJson.grades as unknown as FitnessStandard['grades'],
  bmi: bmiJson.groups as unknown as FitnessStandard['bmi'],
  bonus: bonusJson.tables as unknown as FitnessStandard['bonus'],
  rules: rulesJson as unknown as StandardRules,
};
const shippedProblems = checkStandard(STANDARD_2014);
if (shippedProblems.length > 0) throw new Error(`shipped fitness standard is broken: ${shippedProblems.join('; ')}`);
