import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPOSITE } from './composite.js';
import { type AnalysisConfig, analyzeExam, type ExamData, STATUS } from './full-analysis.js';
import { DEFAULT_GRADE_LINES } from './lines.js';
import { DEFAULT_THRESHOLDS } from './rates.js';

/**
 * A worked example, computed by hand (fractions) and with Python's `statistics` module (SD, Z, r, α, skew):
 *
 * 8 students; school 0 (学区 0) has class 0 = {s0, s1, s2} and class 1 = {s3, s4}; school 1 (学区 1) has class 2 =
 * {s5, s6, s7}. Two subjects of 10 points, each a paper of two 5-point items.
 *
 * 语文 items (s0..s7): (5,5) (4,3) (3,2) 缺考 (5,2) (2,1) (1,0) 作弊 → scores 10, 7, 5, –, 7, 3, 1, –.
 * 数学 items: item 1 objective (key A, 4 options, 5 or 0 points): A A B A A C blank A → 5 5 0 5 5 0 0 5;
 *            item 2: 4 5 2 3 1 1 2 3 → scores 9, 10, 2, 8, 6, 1, 2, 8.
 * 总分 only for students who sat both: s0 19, s1 17, s2 7, s4 13, s5 4, s6 3.
 */
const A = Number.NaN;
const data: ExamData = {
  studentCount: 8,
  studentClass: Int32Array.from([0, 0, 0, 1, 1, 2, 2, 2]),
  classCount: 3,
  classSchool: Int32Array.from([0, 0, 1]),
  schoolCount: 2,
  schoolGroupings: [{ key: 'region', count: 2, ofSchool: Int32Array.from([0, 1]) }],
  subjects: [
    {
      name: '语文',
      fullMarks: 10,
      scores: Float64Array.from([10, 7, 5, A, 7, 3, 1, 6]), // s7's 6 is void: 作弊
      status: Uint8Array.from([0, 0, 0, STATUS.absent, 0, 0, 0, STATUS.cheated]),
      teacherOfClass: Int32Array.from([0, 0, 1]),
      teacherCount: 2,
      paper: {
        fullMarks: Float64Array.from([5, 5]),
        matrix: Float32Array.from([5, 5, 4, 3, 3, 2, 0, 0, 5, 2, 2, 1, 1, 0, 3, 3]),
      },
    },
    {
      name: '数学',
      fullMarks: 10,
      scores: Float64Array.from([9, 10, 2, 8, 6, 1, 2, 8]),
      paper: {
        fullMarks: Float64Array.from([5, 5]),
        matrix: Float32Array.from([5, 4, 5, 5, 0, 2, 5, 3, 5, 1, 0, 1, 0, 2, 5, 3]),
        knowledge: Int32Array.from([0, 1]),
        knowledgeCount: 2,
        options: {
          chosen: Int8Array.from([0, -1, 0, -1, 1, -1, 0, -1, 0, -1, 2, -1, -1, -1, 0, -1]),
          optionCount: Int32Array.from([4, 0]),
          key: Int32Array.from([0, -1]),
        },
      },
    },
  ],
  combined: [],
  totalSubjects: [0, 1],
};
const config: AnalysisConfig = {
  rates: DEFAULT_THRESHOLDS,
  composite: DEFAULT_COMPOSITE,
  gradeLines: DEFAULT_GRADE_LINES,
  lines: [{ kind: 'top', share: 0.5 }],
  borderlinePoints: 2,
  bandSteps: { default: 5 },
  highScoreTopN: [2],
  effectiveMethod: { kind: 'atOrAbove' },
};
const result = analyzeExam(data, config);
const [chinese, maths, total] = result.measures;
const unit = (m: typeof chinese, level: string) => m.units.find((u) => u.level === level)!;

describe('analyzeExam — units', () => {
  it('counts 应考/实考/缺考 with 作弊 out of the denominator, never as 0', () => {
    const county = unit(chinese, 'county');
    expect([county.expected[0], county.n[0], county.absent[0], county.cheated[0]]).toEqual([8, 6, 2, 1]);
    expect(county.participation[0]).toBe(6 / 8);
    const classes = unit(chinese, 'class');
    expect(Array.from(classes.expected)).toEqual([3, 2, 3]);
    expect(Array.from(classes.n)).toEqual([3, 1, 2]);
  });

  it('descriptives of the county: mean 33/6, sample SD √10.3, R-7 quartiles 3.5 / 6 / 7, skew', () => {
    const c = unit(chinese, 'county');
    expect(c.mean[0]).toBe(5.5);
    expect(c.scoreRate[0]).toBe(0.55);
    expect(c.sd[0]).toBeCloseTo(3.2093613071762426, 12);
    expect([c.min[0], c.q1[0], c.median[0], c.q3[0], c.max[0]]).toEqual([1, 3.5, 6, 7, 10]);
    expect(c.skewness[0]).toBeCloseTo(-0.08167853265506504, 12);
    expect(c.cv[0]).toBeCloseTo(3.2093613071762426 / 5.5, 12);
  });

  it('三率 with lines 8.5 / 7 / 6 / <4 and the 综合得分 0.2·得分率 + 0.3·优秀 + 0.3·及格 + 0.2·(1 − 低分)', () => {
    const c = unit(chinese, 'county');
    expect([c.excellentRate[0], c.goodRate[0], c.passRate[0], c.lowRate[0]]).toEqual([1 / 6, 3 / 6, 3 / 6, 2 / 6]);
    expect(c.compositeScore[0]).toBeCloseTo(0.2 * 0.55 + 0.3 / 6 + 0.15 + 0.2 * (4 / 6), 12);
  });

  it('school and class: means, peer ranks, unit T, 超均率, a class of one has SD null', () => {
    const s = unit(chinese, 'school');
    expect(s.mean).toEqual([7.25, 2]);
    expect(s.meanRank).toEqual([1, 2]);
    expect(s.unitT[0]).toBeCloseTo(55.45279833743536, 12);
    expect(s.overMeanRate[1]).toBeCloseTo((2 - 5.5) / 5.5, 12);
    const cl = unit(chinese, 'class');
    expect(cl.mean).toEqual([22 / 3, 7, 2]);
    expect(cl.sd[1]).toBeNull();
    expect(cl.sd[2]).toBeCloseTo(Math.SQRT2, 12);
    expect(cl.meanRank).toEqual([1, 2, 3]);
    expect(cl.meanRankInParent).toEqual([1, 2, 1]);
    const region = unit(chinese, 'region');
    expect(region.mean).toEqual([7.25, 2]);
  });

  it('teacher units via the class → teacher map', () => {
    const t = unit(chinese, 'teacher');
    expect(Array.from(t.expected)).toEqual([5, 3]);
    expect(t.mean).toEqual([7.25, 2]);
    expect(maths.units.some((u) => u.level === 'teacher')).toBe(false);
  });

  it('分数段 of step 5 (5 belongs to the upper band), 上线 at the top-50% line 7, 高分段 top 2 (ties in)', () => {
    const s = unit(chinese, 'school');
    expect(Array.from(s.bandCounts)).toEqual([4, 0, 0, 2]);
    expect(Array.from(s.bandCumulative)).toEqual([4, 4, 0, 2]);
    expect(chinese.lineCuts).toEqual([7]);
    expect(Array.from(unit(chinese, 'county').lineCounts)).toEqual([3]);
    expect(unit(chinese, 'county').lineRates).toEqual([0.5]);
    expect(chinese.highScoreCuts).toEqual([7]);
    expect(Array.from(s.highScoreCounts)).toEqual([3, 0]);
  });

  it('平均标准分 = mean county Z of the unit', () => {
    const sd = 3.2093613071762426;
    const z = [10, 7, 5, 7].map((x) => (x - 5.5) / sd);
    expect(unit(chinese, 'school').meanZ[0]).toBeCloseTo(z.reduce((a, b) => a + b) / 4, 12);
  });

  it('balance: CV of class means in a school, of school means, between-school share 36.75/51.5', () => {
    expect(chinese.balance.classMeanCvInSchool[0]).toBeCloseTo(0.0328886874970487, 12);
    expect(chinese.balance.classMeanCvInSchool[1]).toBeNull();
    expect(chinese.balance.schoolMeanCv).toBeCloseTo(0.802661751617162, 12);
    expect(chinese.balance.betweenSchools.etaSquared).toBeCloseTo(36.75 / 51.5, 12);
  });
});

describe('analyzeExam — students', () => {
  it('ranks 1,2,2,4 in county, school and class; 百分等级; Z and T; 等级; 临界', () => {
    const st = chinese.students;
    expect(Array.from(st.rankCounty)).toEqual([1, 2, 4, 0, 2, 5, 6, 0]);
    expect(Array.from(st.rankSchool)).toEqual([1, 2, 4, 0, 2, 1, 2, 0]);
    expect(Array.from(st.rankClass)).toEqual([1, 2, 3, 0, 1, 1, 2, 0]);
    expect(st.percentileRank[1]).toBeCloseTo((100 * (3 + 1)) / 6, 12);
    expect(Number.isNaN(st.percentileRank[3])).toBe(true);
    expect(st.z?.[0]).toBeCloseTo(1.4021481439119505, 12);
    expect(st.t?.[0]).toBeCloseTo(50 + 10 * 1.4021481439119505, 10);
    expect(Array.from(st.grade)).toEqual([0, 1, 3, -1, 1, 4, 4, -1]);
    expect(Array.from(st.borderline[0])).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(maths.students.rankCounty)).toEqual([2, 1, 6, 3, 5, 8, 6, 3]);
  });

  it('偏科 = subject Z − mean Z of the student', () => {
    expect(result.imbalance[0][0]).toBeCloseTo(0.2466190911174564, 12);
    expect(result.imbalance[1][0]).toBeCloseTo(-0.2466190911174564, 12);
    expect(Number.isNaN(result.imbalance[0][3])).toBe(true);
  });
});

describe('analyzeExam — 总分', () => {
  it('only students who sat every subject; full marks 20; line = top 50% = 13', () => {
    expect(total.fullMarks).toBe(20);
    expect(total.pool.n).toBe(6);
    expect(total.pool.mean).toBeCloseTo(63 / 6, 12);
    expect(Array.from(total.students.rankCounty)).toEqual([1, 2, 4, 0, 3, 5, 6, 0]);
    expect(total.lineCuts).toEqual([13]);
  });

  it('学科有效分 of the students at/above the line (s0, s1, s4), 单/双上线 and 贡献率', () => {
    const [e] = result.effective;
    expect(e.students).toBe(3);
    expect(e.effective[0]).toBeCloseTo(8, 12);
    expect(e.effective[1]).toBeCloseTo(25 / 3, 12);
    const county = e.levels.find((l) => l.level === 'county')!;
    expect(county.totalOnLine[0]).toBe(3);
    expect(county.subjects[0].single[0]).toBe(1); // 语文 ≥ 8: s0
    expect(county.subjects[1].double[0]).toBe(2); // 数学 ≥ 8⅓ and 总分 ≥ 13: s0, s1
    expect(county.subjects[1].contribution[0]).toBeCloseTo(2 / 3, 12);
  });

  it('全科及格率 (≥ 6 in both) over the students who sat both', () => {
    const county = result.allSubjects.find((a) => a.level === 'county')!;
    expect(county.n[0]).toBe(6);
    expect(county.pass[0]).toBe(0.5);
  });

  it('学科贡献率 as a share of Σ subject means', () => {
    const county = result.contribution.find((c) => c.level === 'county')!;
    expect(county.shares[0][0]).toBeCloseTo(5.5 / (5.5 + 5.75), 12);
    expect(county.difference[0][0]).toBeCloseTo(0); // the pool against itself
  });
});

describe('analyzeExam — items', () => {
  const paper = maths.paper!;
  const county = paper.tables.find((t) => t.level === 'county')!;

  it('P, 满分率, 零分率, D (27%: g = 2, two students tied at the lower cut share one place), r, α, SEM', () => {
    expect(county.p).toEqual([0.625, 0.525]);
    expect(county.fullRate).toEqual([5 / 8, 1 / 8]);
    expect(county.zeroRate).toEqual([3 / 8, 0]);
    expect(county.d[0]).toBeCloseTo(1, 12);
    expect(county.d[1]).toBeCloseTo(0.6, 12);
    expect(county.r[0]).toBeCloseTo(0.5636645436052525, 12);
    expect(county.alpha[0]).toBeCloseTo(0.6424581005586592, 12);
    expect(county.sem[0]).toBeCloseTo(2.138089935299395, 12);
  });

  it('item tables of schools and classes use their own students; absent students are not rows', () => {
    const school = paper.tables.find((t) => t.level === 'school')!;
    expect(school.p.slice(0, 2)).toEqual([20 / 25, 15 / 25]);
    const chineseClass = chinese.paper!.tables.find((t) => t.level === 'class')!;
    expect(Array.from(chineseClass.n)).toEqual([3, 1, 2]);
    expect(chineseClass.p.slice(2, 4)).toEqual([1, 0.4]);
    expect(chineseClass.r[2]).toBeNull(); // one student: no correlation, null not NaN
    expect(chineseClass.alpha[1]).toBeNull();
  });

  it('option shares by unit, blank in the denominator', () => {
    const [o] = paper.options;
    expect(Array.from(o.county.shares)).toEqual([5 / 8, 1 / 8, 1 / 8, 0, 1 / 8]);
    expect(Array.from(o.class.shares.subarray(10, 15))).toEqual([1 / 3, 0, 1 / 3, 0, 1 / 3]);
    expect(o.byTotal.keyD).toBeCloseTo(1, 12);
  });

  it('knowledge-point 得分率 by unit and student', () => {
    const kpCounty = paper.knowledge.find((t) => t.level === 'county')!;
    expect(kpCounty.rates).toEqual([0.625, 0.525]);
    const kpStudent = paper.knowledge.find((t) => t.level === 'studentRow')!;
    const row = Array.from(paper.studentRows).indexOf(2);
    expect(kpStudent.rates.slice(row * 2, row * 2 + 2)).toEqual([0, 0.4]);
  });

  it('P by every level, teacher included', () => {
    const byTeacher = chinese.paper!.pByLevel.find((p) => p.level === 'teacher')!;
    expect(byTeacher.p).toEqual([(5 + 4 + 3 + 5) / 20, (5 + 3 + 2 + 2) / 20, (2 + 1) / 10, 1 / 10]);
  });
});

describe('analyzeExam — degenerate input', () => {
  it('zero variance and no participants give null, never NaN', () => {
    const flat: ExamData = {
      ...data,
      subjects: [
        { name: 'x', fullMarks: 10, scores: new Float64Array(8).fill(5) },
        { name: 'y', fullMarks: 10, scores: new Float64Array(8).fill(A) },
      ],
    };
    const r = analyzeExam(flat, config);
    const c = r.measures[0].units[0];
    expect(c.sd[0]).toBe(0);
    expect(c.skewness[0]).toBeNull();
    expect(r.measures[0].students.z).toBeNull();
    expect(c.unitT[0]).toBeNull();
    const y = r.measures[1].units[0];
    expect([y.n[0], y.mean[0], y.sd[0], y.passRate[0]]).toEqual([0, null, null, null]);
    expect(r.measures[2].pool.n).toBe(0);
  });
});
