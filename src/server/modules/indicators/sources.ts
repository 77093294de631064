import type { Db } from '../../db/pool.js';

/**
 * The one interface through which the plans module reads numbers from every other module. A module registers the
 * indicator sources it provides (at startup, from its routes plugin or its `indicator-sources.ts`); the indicator
 * library binds an indicator to a source key plus parameters. A module that does not exist offers none.
 *
 * Compatibility rule: fields may be added to these types only as optional ones, so every module's sources keep
 * compiling as the plans module grows.
 */

/** The org unit an indicator value is for. `region` is a 学区 (region subtree), `teacher` a staff id. */
export interface IndicatorUnit {
  level: 'county' | 'region' | 'school' | 'class' | 'teacher';
  /** Region, school, class or staff id; the county id for level 'county'. */
  id: number;
}

/** The period a value is computed over: inclusive dates (YYYY-MM-DD), with the term or school year when it is one. */
export interface IndicatorPeriod {
  from: string;
  to: string;
  termId?: number;
  schoolYearId?: number;
}

export interface IndicatorQuery {
  countyId: number;
  unit: IndicatorUnit;
  period: IndicatorPeriod;
  /** The source's own parameters (exam kind, grade, subjects, campaign kind …), validated by the source. */
  params: Record<string, unknown>;
  /** The library indicator being computed (optional; the manual source needs it to find its entries). */
  indicatorId?: number;
  /** The stored period's id, when the period is one of the library's (optional). */
  periodId?: number;
}

export interface IndicatorValue {
  /** null when there is no data for the unit and period (never 0 in its place). */
  value: number | null;
  /** What the number was computed from, for the footnote: e.g. "exam 1234: 2026 上学期 期末 六年级". */
  ref: string;
  computedAt: Date;
  /** Denominator behind a rate (students who sat, families who answered …), when there is one. */
  n?: number;
}

export interface IndicatorSource {
  /** Stable key `<module>.<name>`, e.g. `exams.passRate`. */
  key: string;
  module: string;
  name: { zh: string; en: string };
  /** 'percent' values are fractions 0–1; the UI shows them ×100. */
  unit: 'percent' | 'score' | 'count' | 'hours' | 'days' | 'minutes' | 'index';
  direction: 'higher' | 'lower';
  levels: readonly IndicatorUnit['level'][];
  /** The parameters the source takes, for the library editor: name → description (zh). */
  params: Record<string, string>;
  /** Refuses unknown or invalid params with a message (zh) the editor shows; returns null when they are fine. */
  checkParams?(params: Record<string, unknown>): string | null;
  compute(db: Db, query: IndicatorQuery): Promise<IndicatorValue>;
}

const registry = new Map<string, IndicatorSource>();

/** Registers a source; registering the same key twice replaces it (tests build several apps in one process). */
export function registerIndicatorSource(source: IndicatorSource): void {
  registry.set(source.key, source);
}

export function indicatorSource(key: string): IndicatorSource | undefined {
  return registry.get(key);
}

export function indicatorSources(): IndicatorSource[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}
