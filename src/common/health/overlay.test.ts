import { describe, expect, it } from 'vitest';
import { applyOverrides, overrideProblem, problemsOfEdit } from './overlay.js';
import { STANDARD_2014 } from './standard.js';

describe('county corrections of the standard', () => {
  it('completes a missing cell with status county, keeping the shipped value for the editor', () => {
    const o = { gradeCode: 'J1', sex: 'M', item: 'run_1000m', score: 100, threshold: 217 };
    const std = applyOverrides(STANDARD_2014, [o]);
    const cell = std.grades.J1.M.run_1000m?.cells[0];
    expect(cell).toMatchObject({ score: 100, threshold: 217, status: 'county', otherValues: '2014: — (missing)' });
    // the shipped standard is untouched
    expect(STANDARD_2014.grades.J1.M.run_1000m?.cells[0].threshold).toBeNull();
    expect(problemsOfEdit(std, o)).toEqual([]);
  });

  it('finds a correction that breaks the monotonic thresholds (exactly equal is a break too)', () => {
    // J2 男 50米: 100 分 7.5 s, 95 分 7.6 s (lower is better, so 95 must be slower than 7.5).
    for (const threshold of [7.3, 7.5]) {
      const o = { gradeCode: 'J2', sex: 'M', item: 'run_50m', score: 95, threshold };
      const problems = problemsOfEdit(applyOverrides(STANDARD_2014, [o]), o);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('不单调');
    }
    const ok = { gradeCode: 'J2', sex: 'M', item: 'run_50m', score: 95, threshold: 7.55 };
    expect(problemsOfEdit(applyOverrides(STANDARD_2014, [ok]), ok)).toEqual([]);
  });

  it('names what does not exist', () => {
    expect(
      overrideProblem(STANDARD_2014, { gradeCode: 'X9', sex: 'M', item: 'run_50m', score: 100, threshold: 1 }),
    ).toContain('X9');
    expect(
      overrideProblem(STANDARD_2014, { gradeCode: 'P3', sex: 'M', item: 'pull_up', score: 100, threshold: 1 }),
    ).toContain('不测');
    expect(
      overrideProblem(STANDARD_2014, { gradeCode: 'J1', sex: 'M', item: 'pull_up', score: 78, threshold: 1 }),
    ).toContain('没有 78 分档');
  });
});
