import { DEFAULT_COMPOSITE } from '../src/common/exams/composite.js';
import type { AnalysisConfig, ExamData, SubjectData } from '../src/common/exams/full-analysis.js';
import { STATUS } from '../src/common/exams/full-analysis.js';
import { DEFAULT_GRADE_LINES } from '../src/common/exams/lines.js';
import { DEFAULT_THRESHOLDS } from '../src/common/exams/rates.js';

/**
 * A deterministic city-scale exam for the exams benchmark: N students (default 100,000) in classes of ~40, ~8.3
 * classes a school (2,500 classes and 300 schools at 100k), 10 学区, 城乡 and 公办/民办 groupings; 9 subjects of 25
 * items each (12 objective 4-option items scored all-or-nothing, 13 subjective), scores from a 2-parameter logistic
 * model with school and class effects, so that means, spreads, item difficulties and discriminations look like a
 * real paper. About 1.5% 缺考, 0.1% 作弊 and 0.2% 免考 per subject. Students are shuffled so that no class is
 * contiguous in the input.
 */

export const SUBJECTS = ['语文', '数学', '英语', '物理', '化学', '生物', '政治', '历史', '地理'] as const;
const K = 25;
const OBJECTIVE = 12;
const OPTIONS = 4;
/** Subjective item full marks: 150-point papers (12 × 3 objective) and 100-point papers (12 × 2 objective). */
const SUBJECTIVE_150 = [6, 6, 6, 8, 8, 8, 8, 10, 10, 12, 12, 10, 10];
const SUBJECTIVE_100 = [4, 4, 4, 4, 5, 5, 6, 6, 6, 8, 8, 8, 8];
export const KNOWLEDGE_POINTS = 8;
export const ABILITY_LEVELS = 4;

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return { next, normal };
}

export interface BenchExam {
  data: ExamData;
  config: AnalysisConfig;
  regionOfSchool: Int32Array;
  urbanOfSchool: Int32Array;
  publicOfSchool: Int32Array;
}

export function generateExam(studentCount: number, seed = 20251123): BenchExam {
  const rnd = prng(seed);
  const N = studentCount;
  const C = Math.max(1, Math.round(N / 40));
  const S = Math.max(1, Math.round(C / (2500 / 300)));
  const R = Math.min(10, S);
  const classSchool = Int32Array.from({ length: C }, (_, c) => Math.floor((c * S) / C));
  const regionOfSchool = Int32Array.from({ length: S }, (_, s) => s % R);
  const urbanOfSchool = Int32Array.from({ length: S }, () => (rnd.next() < 0.45 ? 0 : 1));
  const publicOfSchool = Int32Array.from({ length: S }, () => (rnd.next() < 0.85 ? 0 : 1));
  const schoolEffect = Float64Array.from(
    { length: S },
    (_, s) => 0.35 * rnd.normal() + (urbanOfSchool[s] ? -0.2 : 0.2),
  );
  const classEffect = Float64Array.from({ length: C }, () => 0.15 * rnd.normal());
  // students evenly over classes, then shuffled (Fisher–Yates)
  const studentClass = Int32Array.from({ length: N }, (_, i) => Math.floor((i * C) / N));
  for (let i = N - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    const t = studentClass[i];
    studentClass[i] = studentClass[j];
    studentClass[j] = t;
  }
  const ability = Float64Array.from(
    { length: N },
    (_, i) => schoolEffect[classSchool[studentClass[i]]] + classEffect[studentClass[i]] + rnd.normal(),
  );
  // teachers: each teaches two parallel classes of one school in a subject
  const classInSchool = new Int32Array(C);
  const seen = new Int32Array(S);
  for (let c = 0; c < C; c++) classInSchool[c] = seen[classSchool[c]]++;
  const teacherBase = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) teacherBase[s + 1] = teacherBase[s] + Math.ceil(seen[s] / 2);
  const teacherOfClass = Int32Array.from(
    { length: C },
    (_, c) => teacherBase[classSchool[c]] + (classInSchool[c] >> 1),
  );

  const subjects: SubjectData[] = SUBJECTS.map((name, si) => {
    const big = si < 3;
    const itemFull = Float64Array.from([
      ...new Array(OBJECTIVE).fill(big ? 3 : 2),
      ...(big ? SUBJECTIVE_150 : SUBJECTIVE_100),
    ]);
    const fullMarks = itemFull.reduce((a, b) => a + b, 0);
    const b = Float64Array.from({ length: K }, (_, j) => -1.6 + (3.2 * j) / K + 0.4 * rnd.normal());
    const a = Float64Array.from({ length: K }, (_, j) => (j === 7 ? -0.3 : 0.6 + rnd.next())); // item 8: a bad item
    const key = Int32Array.from({ length: K }, (_, j) => (j < OBJECTIVE ? Math.floor(rnd.next() * OPTIONS) : -1));
    const scores = new Float64Array(N);
    const status = new Uint8Array(N);
    const matrix = new Float32Array(N * K);
    const chosen = new Int8Array(N * K).fill(-1);
    const shift = 0.3 * rnd.normal();
    for (let i = 0; i < N; i++) {
      const u = rnd.next();
      if (u < 0.015) status[i] = STATUS.absent;
      else if (u < 0.016) status[i] = STATUS.cheated;
      else if (u < 0.018) status[i] = STATUS.exempt;
      if (status[i] !== STATUS.sat) {
        scores[i] = Number.NaN;
        continue;
      }
      const theta = 0.8 * ability[i] + 0.6 * rnd.normal() + shift;
      let total = 0;
      for (let j = 0; j < K; j++) {
        const p = 1 / (1 + Math.exp(-1.7 * a[j] * (theta - b[j])));
        let x: number;
        if (j < OBJECTIVE) {
          const blank = rnd.next() < 0.01;
          const correct = !blank && rnd.next() < 0.25 + 0.75 * p;
          x = correct ? itemFull[j] : 0;
          chosen[i * K + j] = blank ? -1 : correct ? key[j] : (key[j] + 1 + Math.floor(rnd.next() * 3)) % OPTIONS;
        } else {
          const f = Math.min(1, Math.max(0, p + 0.15 * rnd.normal()));
          x = Math.round(f * itemFull[j]);
        }
        matrix[i * K + j] = x;
        total += x;
      }
      scores[i] = total;
    }
    return {
      name,
      fullMarks,
      scores,
      status,
      teacherOfClass,
      teacherCount: teacherBase[S],
      paper: {
        fullMarks: itemFull,
        matrix,
        knowledge: Int32Array.from({ length: K }, (_, j) => j % KNOWLEDGE_POINTS),
        knowledgeCount: KNOWLEDGE_POINTS,
        ability: Int32Array.from({ length: K }, (_, j) => j % ABILITY_LEVELS),
        abilityCount: ABILITY_LEVELS,
        options: {
          chosen,
          optionCount: Int32Array.from({ length: K }, (_, j) => (j < OBJECTIVE ? OPTIONS : 0)),
          key,
        },
      },
    };
  });

  const data: ExamData = {
    studentCount: N,
    studentClass,
    classCount: C,
    classSchool,
    schoolCount: S,
    schoolGroupings: [
      { key: 'region', count: R, ofSchool: regionOfSchool },
      { key: 'urban', count: 2, ofSchool: urbanOfSchool },
      { key: 'public', count: 2, ofSchool: publicOfSchool },
    ],
    subjects,
    combined: [
      { name: '理综', subjects: [3, 4, 5] },
      { name: '文综', subjects: [6, 7, 8] },
    ],
    totalSubjects: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  };
  const config: AnalysisConfig = {
    rates: { ...DEFAULT_THRESHOLDS, excellent: { kind: 'top', share: 0.2 } },
    composite: DEFAULT_COMPOSITE,
    gradeLines: DEFAULT_GRADE_LINES,
    lines: [
      { kind: 'top', share: 0.15 },
      { kind: 'top', share: 0.4 },
      { kind: 'top', share: 0.6 },
    ],
    borderlinePoints: 5,
    bandSteps: { default: 10, byMeasure: { 理综: 20, 文综: 20, 总分: 50 } },
    highScoreTopN: [Math.max(1, Math.round((5500 * N) / 100000))],
    effectiveMethod: { kind: 'window', minStudents: 25, step: 1 },
  };
  return { data, config, regionOfSchool, urbanOfSchool, publicOfSchool };
}
