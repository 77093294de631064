import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPOSITE } from '../../../../common/exams/index.js';
import { DEFAULT_EXAM_THRESHOLDS } from '../thresholds.js';
import { type AnalysisInput, computeAnalysis, type SubjectData } from './compute.js';
import { computeWithFullAnalysis } from './from-full.js';

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

/** 300 students in 3 schools × 3 classes (a few unplaced), 2 subjects (one with 4 items and options), some absent. */
function input(): AnalysisInput {
  const r = rng(42);
  const n = 300;
  const schoolIdx = Int32Array.from({ length: n }, (_, i) => i % 3);
  const classIdx = Int32Array.from({ length: n }, (_, i) =>
    i % 50 === 7 ? -1 : (i % 3) * 3 + (Math.floor(i / 3) % 3),
  );
  const subject = (key: string, full: number, withItems: boolean): SubjectData => {
    const itemsFull = [2, 3, 5, full - 10];
    const matrix = withItems ? new Float64Array(n * 4).fill(Number.NaN) : null;
    const options: ((string | null)[] | null)[] | null = withItems ? new Array(n).fill(null) : null;
    const status = Array.from({ length: n }, () => (r() < 0.05 ? 'absent' : 'sat') as 'absent' | 'sat');
    const scores = Float64Array.from({ length: n }, (_, i) => {
      if (status[i] !== 'sat') return Number.NaN;
      if (!matrix) return Math.round(r() * full);
      let sum = 0;
      for (let j = 0; j < 4; j++) {
        const x = Math.round(r() * itemsFull[j]);
        matrix[i * 4 + j] = x;
        sum += x;
      }
      options![i] = ['A', 'B', r() < 0.5 ? 'C' : 'D', null];
      return sum;
    });
    return {
      key,
      subjectId: Number(key),
      name: `科目${key}`,
      fullMarks: full,
      inTotal: true,
      groupName: null,
      scores,
      status,
      items: withItems
        ? itemsFull.map((f, j) => ({
            label: String(j + 1),
            fullMarks: f,
            kind: j < 3 ? ('objective' as const) : ('subjective' as const),
            answerKey: j < 3 ? 'ABCD'[j] : null,
            optionCount: j < 3 ? 4 : null,
            knowledgePoint: j % 2 ? '几何' : '代数',
            abilityLevel: null,
          }))
        : [],
      matrix,
      options,
      teachersByClass: new Map(Array.from({ length: 9 }, (_, c) => [c, [100 + (c % 4)]])),
    };
  };
  return {
    studentIds: Array.from({ length: n }, (_, i) => i + 1),
    schoolIdx,
    classIdx,
    schools: [0, 1, 2].map((s) => ({ id: 10 + s, regionIdx: s % 2, locationIdx: s })),
    classes: Array.from({ length: 9 }, (_, c) => ({ id: 200 + c, schoolIdx: Math.floor(c / 3) })),
    regions: [5, 6],
    locations: ['urban', 'town', 'rural'],
    countyId: 1,
    subjects: [subject('1', 100, false), subject('2', 30, true)],
    thresholds: { ...DEFAULT_EXAM_THRESHOLDS, topN: 20 },
    composite: DEFAULT_COMPOSITE,
    prior: null,
  };
}

describe('the stored analysis: analyzeExam (from-full.ts) against the module’s own orchestration (compute.ts)', () => {
  const a = computeAnalysis(input());
  const b = computeWithFullAnalysis(input());
  const index = (rows: typeof a.units) => new Map(rows.map((r) => [`${r.kind}:${r.id}:${r.key}`, r]));
  const ia = index(a.units);
  const ib = index(b.units);

  it('stores the same units', () => {
    expect([...ib.keys()].sort()).toEqual([...ia.keys()].sort());
  });

  it('gives the same counts, descriptives, rates, T and composite for every unit and measure', () => {
    const fields = [
      'expected',
      'n',
      'mean',
      'sd',
      'median',
      'q1',
      'q3',
      'excellentRate',
      'goodRate',
      'passRate',
      'lowRate',
      'tScore',
      'overMean',
      'meanZ',
      'composite',
    ];
    for (const [k, ra] of ia) {
      const rb = ib.get(k)!;
      for (const f of fields) {
        const x = ra.stats[f] as number | null;
        const y = rb.stats[f] as number | null;
        if (x === undefined) continue; // (compute.ts has no 平均标准分 or 综合得分 for teachers; analyzeExam has)
        if (x === null || y === null || x === undefined || y === undefined)
          expect(y ?? null, `${k} ${f}`).toBe(x ?? null);
        else expect(y, `${k} ${f}`).toBeCloseTo(x, 9);
      }
    }
  });

  it('gives the same item statistics and option shares', () => {
    const pa = ia.get('county:1:2')!.stats.paper as {
      alpha: number;
      items: { difficulty: number; upperLowerD: number; discrimination: number }[];
    };
    const pb = ib.get('county:1:2')!.stats.paper as typeof pa;
    expect(pb.alpha).toBeCloseTo(pa.alpha, 9);
    for (const [j, it] of pa.items.entries()) {
      expect(pb.items[j].difficulty).toBeCloseTo(it.difficulty, 9);
      expect(pb.items[j].upperLowerD).toBeCloseTo(it.upperLowerD, 9);
      expect(pb.items[j].discrimination).toBeCloseTo(it.discrimination, 9);
    }
    expect(ib.get('school:11:2')!.stats.items).toEqual(ia.get('school:11:2')!.stats.items);
  });

  it('gives every student the same score, grade, ranks and flags', () => {
    for (const [i, sa] of a.students.entries()) {
      for (const key of Object.keys(sa.data)) {
        const x = sa.data[key];
        const y = b.students[i].data[key];
        for (const f of ['s', 'st', 'g', 'rk', 'rs', 'rc', 'top', 'bottom'])
          expect(y[f], `${i} ${key} ${f}`).toEqual(x[f]);
        // 临界 of the 分档 lines (compute.ts also flags the 高分段 cut; analyzeExam only the lines)
        const lines = (v: unknown) => ((v as string[] | undefined) ?? []).filter((l) => !l.startsWith('前'));
        expect(lines(y.b), `${i} ${key} b`).toEqual(lines(x.b));
        if (typeof x.z === 'number') expect(y.z as number).toBeCloseTo(x.z, 9);
      }
    }
  });
});
