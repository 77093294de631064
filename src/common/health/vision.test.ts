import { describe, expect, it } from 'vitest';
import { acuityProblem, isMyopic, needsReferral, VISION_RULE } from './vision.js';

describe('vision screening rule (vision-rule.json)', () => {
  it('近视 when either eye is below 5.0; exactly 5.0 is not', () => {
    expect(VISION_RULE.myopiaBelow).toBe(5.0);
    expect(isMyopic(5.0, 5.0)).toBe(false);
    expect(isMyopic(4.9, 5.1)).toBe(true);
    expect(isMyopic(5.2, 4.5)).toBe(true);
    expect(needsReferral(5.0, 4.9)).toBe(true);
    expect(needsReferral(5.1, 5.0)).toBe(false);
  });

  it('refuses values off the 5-point scale (a decimal-scale 1.0, a 6.0) and more than one decimal', () => {
    expect(acuityProblem('左眼', 1.0)).toContain('不在五分记录范围');
    expect(acuityProblem('左眼', 6.0)).toContain('不在五分记录范围');
    expect(acuityProblem('左眼', 4.85)).toContain('一位小数');
    expect(acuityProblem('左眼', 4.8)).toBeNull();
  });
});
