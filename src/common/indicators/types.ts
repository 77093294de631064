/**
 * Indicators, periods and targets as the attainment engine sees them (issue 6 "Indicator library", "Targets";
 * seed-000 W17: "Target entity: scope, metric, baseline, year, value, comparator (≥, ≤, increase by, rank ≤)").
 * Conventions as in exams/surveys: percentages are fractions (95% = 0.95, 3.5 percentage points = 0.035), a
 * missing value is `null` (never 0, never NaN).
 */

/** What a value counts: a share (0.953), people or things, a score, minutes, hours, a rank (1 = best). */
export type IndicatorUnit = 'fraction' | 'count' | 'score' | 'minutes' | 'hours' | 'rank' | 'yuan';

/** Which way is better. 及格率 is `higher`, 低分率 and ranks are `lower`. */
export type Direction = 'higher' | 'lower';

/** The organisational level an indicator is measured at. */
export type IndicatorLevel = 'county' | 'school' | 'class' | 'teacher';

/**
 * Where the value comes from, as data: computed by a module (`module` names it, `ref` is the module's own
 * descriptor, e.g. { examKind: '期末', grade: 6, subjects: ['语文','数学','英语'], measure: 'passRate' }), or entered
 * by hand with evidence and an approval step.
 */
export type IndicatorSource =
  | { kind: 'module'; module: string; ref: Record<string, unknown> }
  | { kind: 'manual'; evidenceRequired: true; approval: boolean };

/** An entry of the indicator library (指标库). */
export interface Indicator {
  code: string;
  name: string;
  unit: IndicatorUnit;
  direction: Direction;
  /** 口径: the definition, citing its seed line. */
  definition: string;
  level: IndicatorLevel;
  source: IndicatorSource;
}

/** A period: a school year, a term or a calendar year; ISO dates, both inclusive. */
export interface Period {
  id: string;
  name: string;
  start: string;
  end: string;
}

/**
 * How a change target is measured. `points` (the default): the delta is added to the baseline in the indicator's
 * own unit — for a fraction that means percentage POINTS (0.035 = +3.5 points: 0.82 → 0.855). `relative`: the
 * baseline is multiplied by (1 + delta) (0.035 = +3.5% of the baseline: 0.82 → 0.8487).
 */
export type ChangeMode = 'points' | 'relative';

/**
 * The rule of a target for one period.
 * - absolute: reach `value` — ≥ for a higher-is-better indicator, ≤ for a lower-is-better one (及格率 ≥ 0.95,
 *   低分率 ≤ 0.05);
 * - change: move from the baseline by `delta`, signed as written (+0.035 for 及格率, −0.01 for 低分率);
 * - rank: rank ≤ `atMost` among `among` (全市前3名 = { atMost: 3, among: '全市' }); rank 1 is best;
 * - count: reach `value` things (新增学位 380).
 */
export type TargetRule =
  | { kind: 'absolute'; value: number }
  | { kind: 'change'; delta: number; mode?: ChangeMode }
  | { kind: 'rank'; atMost: number; among?: string }
  | { kind: 'count'; value: number };

/** A target of one org unit for one period. `baseline` is the value at the start of the period (null: unknown). */
export interface Target {
  indicator: string;
  orgUnit: string;
  period: Period;
  rule: TargetRule;
  baseline: number | null;
  /** Where the number comes from (seed line, document), free text. */
  citation?: string;
}

/**
 * A yearly path (a target for each period until a final value), anchored on the plan's baseline:
 * - step: period k (1-based) aims at baseline + k·step (points) or baseline·(1+step)^k (relative), never beyond
 *   `final` when given, and the last period aims at `final` itself ("每年提升3.5%以上…到20xx年达95%以上");
 * - schedule: the values are written out period by period (高分段 460/506/556).
 */
export type TargetPath =
  | {
      kind: 'step';
      indicator: string;
      orgUnit: string;
      periods: Period[];
      baseline: number | null;
      step: number;
      mode?: ChangeMode;
      final?: number;
      citation?: string;
    }
  | {
      kind: 'schedule';
      indicator: string;
      orgUnit: string;
      periods: Period[];
      baseline: number | null;
      values: number[];
      citation?: string;
    };

/** RAG status; `grey` = no data (the API contract's `none`). */
export type Status = 'green' | 'amber' | 'red' | 'grey';
