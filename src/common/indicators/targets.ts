/**
 * Resolving targets to a number for their period: change targets against their baseline (percentage points by
 * default, relative on request) and yearly paths to one absolute target per period (issue 6 "Targets"; seed-000
 * §3.2 #13–#32, §7.2 "提升3.5% is ambiguous … store both the baseline and the target value explicitly").
 */
import type { ChangeMode, Direction, Target, TargetPath, TargetRule } from './types.js';

/** Rounds to 12 significant digits, so that 0.82 + 0.035 is 0.855, not 0.8549999999999999. */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** The comparator a target uses: ≥ for a higher-is-better indicator, ≤ for a lower-is-better one. */
export function comparator(direction: Direction): '≥' | '≤' {
  return direction === 'higher' ? '≥' : '≤';
}

/** The direction a rule is judged in: ranks are always lower-is-better, other kinds follow the indicator. */
export function ruleDirection(rule: TargetRule, indicatorDirection: Direction): Direction {
  return rule.kind === 'rank' ? 'lower' : indicatorDirection;
}

/**
 * A change applied to a baseline: points → baseline + delta; relative → baseline · (1 + delta).
 * 0.82 with +0.035 points → 0.855; with +0.035 relative → 0.8487.
 */
export function applyChange(baseline: number, delta: number, mode: ChangeMode = 'points'): number {
  return clean(mode === 'points' ? baseline + delta : baseline * (1 + delta));
}

/**
 * The number a rule asks for: absolute/count → its value; rank → `atMost`; change → the baseline moved by the
 * delta (null when the baseline is unknown — such a target is refused by `validateTarget`).
 */
export function targetValue(rule: TargetRule, baseline: number | null): number | null {
  switch (rule.kind) {
    case 'absolute':
    case 'count':
      return rule.value;
    case 'rank':
      return rule.atMost;
    case 'change':
      return baseline === null ? null : applyChange(baseline, rule.delta, rule.mode);
  }
}

/**
 * Problems that make a target unusable, as clear messages (empty = fine): a change target without a baseline; a
 * change whose sign goes the wrong way for the indicator (a 及格率 target of −1 point); a rank below 1 or not whole;
 * a negative or fractional count; a period that ends before it starts.
 */
export function validateTarget(t: Target, direction: Direction): string[] {
  const errors: string[] = [];
  const where = `${t.indicator} / ${t.orgUnit} / ${t.period.id}`;
  const r = t.rule;
  if (t.period.end < t.period.start) errors.push(`${where}: the period ends (${t.period.end}) before it starts`);
  if (r.kind === 'change') {
    if (t.baseline === null) errors.push(`${where}: a change target needs a baseline`);
    if ((direction === 'higher' && r.delta < 0) || (direction === 'lower' && r.delta > 0))
      errors.push(`${where}: a change of ${r.delta} goes against the indicator's direction (${direction} is better)`);
  }
  if (r.kind === 'rank' && (!Number.isInteger(r.atMost) || r.atMost < 1))
    errors.push(`${where}: a rank target must be a whole number ≥ 1`);
  if (r.kind === 'count' && (!Number.isInteger(r.value) || r.value < 0))
    errors.push(`${where}: a count target must be a whole number ≥ 0`);
  return errors;
}

/** Problems that make a path unusable (empty = fine). */
export function validatePath(p: TargetPath): string[] {
  const errors: string[] = [];
  const where = `${p.indicator} / ${p.orgUnit}`;
  if (p.periods.length === 0) errors.push(`${where}: a path needs at least one period`);
  for (let i = 1; i < p.periods.length; i++)
    if (p.periods[i].start <= p.periods[i - 1].end)
      errors.push(`${where}: periods ${p.periods[i - 1].id} and ${p.periods[i].id} overlap or are out of order`);
  if (p.kind === 'step' && p.baseline === null) errors.push(`${where}: a step path needs a baseline`);
  if (p.kind === 'schedule' && p.values.length !== p.periods.length)
    errors.push(`${where}: ${p.values.length} values for ${p.periods.length} periods`);
  return errors;
}

/**
 * The planned value of period k (1-based) of a step path: baseline + k·step (points) or baseline·(1+step)^k
 * (relative), capped at `final` (a rising step never goes above it, a falling one never below it), and the last
 * period aims at `final` itself when given. E.g. 及格率 baseline 0.82, +0.035, final 0.95 over 3 years →
 * 0.855, 0.89, 0.95; baseline 0.90 → 0.935, 0.95 (0.97 capped), 0.95.
 */
export function stepValue(
  baseline: number,
  step: number,
  k: number,
  n: number,
  mode: ChangeMode = 'points',
  final?: number,
): number {
  if (final !== undefined && k === n) return final;
  const raw = clean(mode === 'points' ? baseline + k * step : baseline * (1 + step) ** k);
  if (final === undefined) return raw;
  return step >= 0 ? Math.min(raw, final) : Math.max(raw, final);
}

/**
 * One absolute target per period of a path. Each period's baseline is the planned value of the period before it
 * (the path's baseline for the first), so "on the path" within a year runs from last year's plan to this year's.
 * A caller that knows last year's actual value may replace the baseline with it. Throws the messages of
 * `validatePath` when the path is unusable.
 */
export function resolvePath(p: TargetPath): Target[] {
  const errors = validatePath(p);
  if (errors.length > 0) throw new Error(errors.join('; '));
  const n = p.periods.length;
  const out: Target[] = [];
  let previous = p.baseline;
  for (let i = 0; i < n; i++) {
    const value =
      p.kind === 'schedule' ? p.values[i] : stepValue(p.baseline as number, p.step, i + 1, n, p.mode, p.final);
    out.push({
      indicator: p.indicator,
      orgUnit: p.orgUnit,
      period: p.periods[i],
      rule: { kind: 'absolute', value },
      baseline: previous,
      citation: p.citation,
    });
    previous = value;
  }
  return out;
}

/**
 * The other reading of "每年提升3.5%以上": this year's target is LAST YEAR'S ACTUAL value moved by one step (points
 * or relative), capped at `final` like `stepValue`, and the last period aims at `final` itself. Null when last
 * year's actual is unknown. Last year 0.87 actual, +0.035 → 0.905 (where the plan-anchored path says 0.89).
 */
export function stepFromActual(
  previousActual: number | null,
  step: number,
  isLast: boolean,
  mode: ChangeMode = 'points',
  final?: number,
): number | null {
  if (final !== undefined && isLast) return final;
  if (previousActual === null) return null;
  const raw = applyChange(previousActual, step, mode);
  if (final === undefined) return raw;
  return step >= 0 ? Math.min(raw, final) : Math.max(raw, final);
}
