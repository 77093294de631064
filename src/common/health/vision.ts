/**
 * Vision screening by rule as data (vision-rule.json): uncorrected acuity on the 5-point scale, both eyes; 近视
 * when an eye (either, as the rule says) is below the threshold; the same eyes are referred for refraction.
 */
import rule from './vision-rule.json';

export const VISION_RULE = rule as {
  scale: { min: number; max: number; step: number };
  myopiaBelow: number;
  eyes: 'either' | 'both';
  referBelow: number;
};

/** Why an acuity value is refused (not on the 5-point scale, e.g. 1.0 typed on the decimal scale), or null. */
export function acuityProblem(label: string, v: number): string | null {
  const { min, max } = VISION_RULE.scale;
  if (v < min || v > max) return `${label} ${v} 不在五分记录范围 ${min}–${max}（如 4.8；小数记录 1.0 对应 5.0）`;
  if (Math.abs(v * 10 - Math.round(v * 10)) > 1e-9) return `${label} ${v} 应保留一位小数（如 4.8）`;
  return null;
}

/** 近视 by the screening rule: below `myopiaBelow` in either eye (or both, if the rule says so). */
export function isMyopic(left: number, right: number): boolean {
  const below = (v: number) => v < VISION_RULE.myopiaBelow;
  return VISION_RULE.eyes === 'both' ? below(left) && below(right) : below(left) || below(right);
}

/** To refer for refraction: an eye below `referBelow`. */
export function needsReferral(left: number, right: number): boolean {
  return left < VISION_RULE.referBelow || right < VISION_RULE.referBelow;
}
