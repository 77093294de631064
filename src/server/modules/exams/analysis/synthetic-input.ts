import { DEFAULT_COMPOSITE } from '../../../../common/exams/index.js';
import { DEFAULT_EXAM_THRESHOLDS } from '../thresholds.js';
import type { AnalysisInput, SubjectData } from './compute.js';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic exam for the worker tests: n students in 20 schools × 10 classes, `subjects` subjects of `items`
 * objective items (1 mark each, with options), about 3% absent. Deterministic for a given seed.
 */
export function syntheticInput(n: number, subjects: number, items: number, seed = 7): AnalysisInput {
  const r = rng(seed);
  const S = 20;
  const C = S * 10;
  const schoolIdx = Int32Array.from({ length: n }, (_, i) => i % S);
  const classIdx = Int32Array.from({ length: n }, (_, i) => (i % S) * 10 + (Math.floor(i / S) % 10));
  const subject = (k: number): SubjectData => {
    const matrix = new Float64Array(n * items).fill(Number.NaN);
    const options: (string | null)[][] = new Array(n);
    const status = Array.from({ length: n }, () => (r() < 0.03 ? 'absent' : 'sat') as 'absent' | 'sat');
    const scores = Float64Array.from({ length: n }, (_, i) => {
      const chosen: (string | null)[] = new Array(items).fill(null);
      options[i] = chosen;
      if (status[i] !== 'sat') return Number.NaN;
      const ability = r();
      let sum = 0;
      for (let j = 0; j < items; j++) {
        const right = r() < 0.3 + 0.6 * ability;
        matrix[i * items + j] = right ? 1 : 0;
        chosen[j] = right ? 'A' : 'BCD'[Math.floor(r() * 3)];
        sum += right ? 1 : 0;
      }
      return sum;
    });
    return {
      key: String(k + 1),
      subjectId: k + 1,
      name: `科目${k + 1}`,
      fullMarks: items,
      inTotal: true,
      groupName: null,
      scores,
      status,
      items: Array.from({ length: items }, (_, j) => ({
        label: String(j + 1),
        fullMarks: 1,
        kind: 'objective' as const,
        answerKey: 'A',
        optionCount: 4,
        knowledgePoint: j % 2 ? '几何' : '代数',
        abilityLevel: null,
      })),
      matrix,
      options,
      teachersByClass: new Map(Array.from({ length: C }, (_, c) => [c, [1000 + c]])),
    };
  };
  return {
    studentIds: Array.from({ length: n }, (_, i) => i + 1),
    schoolIdx,
    classIdx,
    schools: Array.from({ length: S }, (_, s) => ({ id: 10 + s, regionIdx: s % 4, locationIdx: s % 3 })),
    classes: Array.from({ length: C }, (_, c) => ({ id: 200 + c, schoolIdx: Math.floor(c / 10) })),
    regions: [1, 2, 3, 4],
    locations: ['urban', 'town', 'rural'],
    countyId: 1,
    subjects: Array.from({ length: subjects }, (_, k) => subject(k)),
    thresholds: DEFAULT_EXAM_THRESHOLDS,
    composite: DEFAULT_COMPOSITE,
    prior: null,
  };
}
