import { Type } from 'typebox';
import {
  type CompositeTerm,
  DEFAULT_COMPOSITE,
  type RateThresholds,
  type Threshold,
} from '../../../common/exams/index.js';
import type { Db } from '../../db/pool.js';

/**
 * Every threshold of an exam is data. The county keeps defaults in `settings` (key `exams.thresholds`); an exam copies
 * them when it is created (and its editor may change them), so the 口径 of an analysed exam never moves when the
 * defaults do. Seed values and their sources (../shared/domain/anchors-exam.md):
 * - 优秀 ≥ 85%, 良好 ≥ 70%, 及格 ≥ 60%, 低分 < 40% of full marks: §1.3 "Absolute, % of full marks" (及格 60%, 优秀
 *   80/85/90%, 低分 < 40%) and the 一分四率 variant that adds 良好;
 * - 等级 A ≥ 85%, B ≥ 70%, C ≥ 60%, D ≥ 40%, E below: §1.2 "Subject letter bands" extended by 低分 for a 5th level
 *   (§0: finals in 4–5 等级);
 * - score lines 分档 by share 15% / 25% / 60%: §1.2 "分档上线 … top 15% / 25% / 60%";
 * - 临界 band ±5 points: §1.2 "The default buffer is 5 points";
 * - 分数段 step 10 points: §5.1 "Configurable step (10/50 or custom)".
 */
export interface ScoreLine {
  name: string;
  /** A fraction of full marks, a score, a top share — or a line imported from outside (e.g. 全市前5500名 cut score). */
  threshold: Threshold;
  /** Where an imported line came from, shown with it. */
  source?: string;
}

export interface ExamThresholds {
  rates: RateThresholds;
  /** 等级 cuts from the top (A, B, C, D…); a student below the last line gets the last letter. */
  gradeLines: Threshold[];
  /** Lines of the 总分 (上线/分档). */
  lines: ScoreLine[];
  /** 临界生: within ±k points of a line. */
  borderlineK: number;
  /** 分数段 width in points. */
  bandStep: number;
  /** 尖子生/学困生: top/bottom share of the county. */
  topShare: number;
  /** 高分段: the county's top N (e.g. 全市前5500名 scaled to the county); 0 = not used. */
  topN: number;
}

export const ThresholdSchema = Type.Union([
  Type.Object({ kind: Type.Literal('fraction'), value: Type.Number({ minimum: 0, maximum: 1 }) }),
  Type.Object({ kind: Type.Literal('score'), value: Type.Number({ minimum: 0 }) }),
  Type.Object({ kind: Type.Literal('top'), share: Type.Number({ exclusiveMinimum: 0, maximum: 1 }) }),
]);

export const ExamThresholdsSchema = Type.Object({
  rates: Type.Object({
    excellent: ThresholdSchema,
    good: Type.Optional(ThresholdSchema),
    pass: ThresholdSchema,
    low: ThresholdSchema,
  }),
  gradeLines: Type.Array(ThresholdSchema, { minItems: 3, maxItems: 4 }),
  lines: Type.Array(
    Type.Object({
      name: Type.String({ minLength: 1, maxLength: 40 }),
      threshold: ThresholdSchema,
      source: Type.Optional(Type.String({ maxLength: 100 })),
    }),
    { maxItems: 6 },
  ),
  borderlineK: Type.Number({ minimum: 0, maximum: 50 }),
  bandStep: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  topShare: Type.Number({ exclusiveMinimum: 0, maximum: 0.5 }),
  topN: Type.Integer({ minimum: 0 }),
});

export const DEFAULT_EXAM_THRESHOLDS: ExamThresholds = {
  rates: {
    excellent: { kind: 'fraction', value: 0.85 },
    good: { kind: 'fraction', value: 0.7 },
    pass: { kind: 'fraction', value: 0.6 },
    low: { kind: 'fraction', value: 0.4 },
  },
  gradeLines: [
    { kind: 'fraction', value: 0.85 },
    { kind: 'fraction', value: 0.7 },
    { kind: 'fraction', value: 0.6 },
    { kind: 'fraction', value: 0.4 },
  ],
  lines: [
    { name: '一档', threshold: { kind: 'top', share: 0.15 } },
    { name: '二档', threshold: { kind: 'top', share: 0.25 } },
    { name: '三档', threshold: { kind: 'top', share: 0.6 } },
  ],
  borderlineK: 5,
  bandStep: 10,
  topShare: 0.1,
  topN: 0,
};

/**
 * 综合得分 terms of the 一分四率 (county data, key `exams.compositeWeights`; see compositeScores): seeded with the
 * engine's usual weights (得分率 0.2, 优秀率 0.3, 及格率 0.3, 1 − 低分率 0.2; anchors-exam §1.3 "一分四率 … 综合得分 +
 * 排名"), which vary by county, hence data.
 */
export const DEFAULT_COMPOSITE_WEIGHTS: CompositeTerm[] = DEFAULT_COMPOSITE;

/**
 * Privacy (anchors-exam §0): student ranks are visible to a role only where the county allows it, per school stage;
 * by default off in compulsory education (grades 1–9) for everyone below the bureau, on in senior high for school
 * staff. Groups below `minGroup` students are suppressed in cross-school views.
 */
export type RankRole = 'bureau' | 'school' | 'teacher';
export interface ExamPrivacy {
  minGroup: number;
  ranks: Record<RankRole, { compulsory: boolean; senior: boolean }>;
}
export const DEFAULT_EXAM_PRIVACY: ExamPrivacy = {
  minGroup: 5,
  ranks: {
    bureau: { compulsory: true, senior: true },
    school: { compulsory: false, senior: true },
    teacher: { compulsory: false, senior: true },
  },
};

const DEFAULTS = {
  'exams.thresholds': DEFAULT_EXAM_THRESHOLDS,
  'exams.compositeWeights': DEFAULT_COMPOSITE_WEIGHTS,
  'exams.privacy': DEFAULT_EXAM_PRIVACY,
};
type Key = keyof typeof DEFAULTS;

/** A county's value of an exams setting, or the seeded default. */
export async function examSetting<K extends Key>(db: Db, countyId: number, key: K): Promise<(typeof DEFAULTS)[K]> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('county_id', '=', countyId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return DEFAULTS[key];
  // Arrays (the composite terms) are replaced whole; objects are merged over the defaults so new keys get defaults.
  if (Array.isArray(row.value)) return row.value as (typeof DEFAULTS)[K];
  return { ...DEFAULTS[key], ...(row.value as object) } as (typeof DEFAULTS)[K];
}

export async function setExamSetting<K extends Key>(db: Db, countyId: number, key: K, value: (typeof DEFAULTS)[K]) {
  await db
    .insertInto('settings')
    .values({ county_id: countyId, key, value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc.columns(['county_id', 'key']).doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }),
    )
    .execute();
}
