/**
 * The full standard analysis of one exam (issue 3 "The analysis", anchors-exam §5.1) as ONE pure function over
 * columnar data: every unit (county, school groupings such as 学区/城乡, school, class, teacher, student) × every
 * subject, combined group and the 总分. It composes the engine's functions (descriptives, rates, ranks, groups, lines,
 * composite, students, items, options); the formulas and their doc comments live there. Types: full-analysis-types.ts.
 *
 * 口径 decided here:
 * - A subject score counts only for a student whose status is SAT (or, without statuses, whose score is not NaN).
 * - A combined group's score and the 总分 exist only for a student who sat EVERY subject in them (缺考 of one subject
 *   is not 0 points); their full marks are the sum of the subjects' full marks.
 * - Every relative line (top x%, 等级 by shares, top-N 高分段) is resolved over the county pool of the measure, then
 *   applied to every unit; the pool for Z, T, 超均率 and unit T is the county.
 * - Peer ranks: units rank among every unit of their level; classes also among the classes of their school.
 */
import { cvOfMeans, cvOfMeansWithin, varianceShare } from './composite.js';
import { describeSorted, sortedScores } from './descriptives.js';
import { baseLevels, type Level, schoolClassOrder, teacherLevel, withNoneGroup } from './full-analysis-levels.js';
import { paperAnalysis } from './full-analysis-paper.js';
import type {
  AnalysisConfig,
  EffectiveAnalysis,
  ExamData,
  FullAnalysis,
  MeasureAnalysis,
  StudentTable,
  UnitTable,
} from './full-analysis-types.js';
import { STATUS } from './full-analysis-types.js';
import { type MeasureContext, unitTable } from './full-analysis-units.js';
import {
  allSubjectsRates,
  assignGrades,
  contributionDifference,
  contributionShares,
  effectiveScores,
  subjectLineHits,
  topNCut,
} from './lines.js';
import { standing, tScores, zScores } from './ranks.js';
import { bandCount, borderlineFlags, resolveCuts, resolveThreshold } from './rates.js';
import { subjectImbalance } from './students.js';

export * from './full-analysis-types.js';

/** The score of every student in a subject: NaN unless the status (when given) is SAT and the score is a number. */
function subjectScores(data: ExamData, s: number): Float64Array {
  const subject = data.subjects[s];
  const out = Float64Array.from(subject.scores);
  if (subject.status) for (let i = 0; i < out.length; i++) if (subject.status[i] !== STATUS.sat) out[i] = Number.NaN;
  return out;
}

/** Sum over subjects for students who sat each of them; NaN otherwise. */
function sumScores(columns: Float64Array[], N: number): Float64Array {
  const out = new Float64Array(N);
  for (const col of columns) for (let i = 0; i < N; i++) out[i] += col[i]; // NaN propagates
  return out;
}

/** Status of a combined measure: SAT only if sat every subject; otherwise the first non-SAT code met. */
function combinedStatus(data: ExamData, subjects: number[]): Uint8Array | null {
  if (!subjects.some((s) => data.subjects[s].status)) return null;
  const out = new Uint8Array(data.studentCount);
  for (const s of subjects) {
    const st = data.subjects[s].status;
    if (!st) continue;
    for (let i = 0; i < out.length; i++) if (out[i] === STATUS.sat) out[i] = st[i];
  }
  return out;
}

function studentTable(
  scores: Float64Array,
  data: ExamData,
  levels: Level[],
  fullMarks: number,
  config: AnalysisConfig,
  lineCuts: (number | null)[],
): { table: StudentTable; gradeCuts: (number | null)[] } {
  const school = levels.find((l) => l.key === 'school') as Level;
  const county = standing(scores);
  const grades = assignGrades(scores, fullMarks, config.gradeLines);
  return {
    gradeCuts: grades.cuts,
    table: {
      score: scores,
      z: zScores(scores),
      t: tScores(scores),
      percentileRank: county.percentileRank,
      rankCounty: county.rank,
      rankSchool: standing(scores, school.ofStudent, data.schoolCount).rank,
      rankClass: standing(scores, data.studentClass, data.classCount).rank,
      grade: grades.grade,
      borderline: lineCuts.map((c) =>
        c === null ? new Uint8Array(scores.length) : borderlineFlags(scores, c, config.borderlinePoints),
      ),
    },
  };
}

function analyzeMeasure(
  data: ExamData,
  config: AnalysisConfig,
  levels: Level[],
  order: ReturnType<typeof schoolClassOrder>,
  spec: { name: string; kind: MeasureAnalysis['kind']; subjects: number[] },
  scores: Float64Array,
  status: Uint8Array | null,
): MeasureAnalysis {
  const fullMarks = spec.subjects.reduce((a, s) => a + data.subjects[s].fullMarks, 0);
  const pool = sortedScores(scores);
  const poolStats = describeSorted(pool, fullMarks);
  const cuts = resolveCuts(config.rates, fullMarks, pool);
  const lineCuts = config.lines.map((t) => resolveThreshold(t, fullMarks, pool));
  const highScoreCuts = [
    ...config.highScoreTopN.map((n) => topNCut(pool, n)),
    ...(config.highScoreCuts?.[spec.name] ?? []),
  ];
  const bandStep = config.bandSteps.byMeasure?.[spec.name] ?? config.bandSteps.default;
  const { table: students, gradeCuts } = studentTable(scores, data, levels, fullMarks, config, lineCuts);
  const context: MeasureContext = {
    scores,
    status,
    fullMarks,
    cuts,
    lineCuts,
    highScoreCuts,
    bandStep,
    bandCount: bandCount(fullMarks, bandStep),
    poolMean: poolStats.mean,
    poolSd: poolStats.sd,
    z: students.z,
  };
  const subject = spec.kind === 'subject' ? data.subjects[spec.subjects[0]] : null;
  const teachers = subject ? teacherLevel(data, subject) : null;
  const measureLevels = teachers ? [...levels, teachers] : levels;
  const units = measureLevels.map((level) => unitTable(level, context, config));
  const schoolTable = units.find((u) => u.level === 'school') as UnitTable;
  const classTable = units.find((u) => u.level === 'class') as UnitTable;
  const schoolLevel = levels.find((l) => l.key === 'school') as Level;
  const paper =
    subject?.paper && pool.length > 0
      ? paperAnalysis(subject.paper, (i) => !Number.isNaN(scores[i]), order, measureLevels, data.classSchool)
      : null;
  return {
    name: spec.name,
    kind: spec.kind,
    subjects: spec.subjects,
    fullMarks,
    cuts,
    gradeCuts,
    lineCuts,
    highScoreCuts,
    bandStep,
    bandCount: context.bandCount,
    pool: { n: poolStats.n, mean: poolStats.mean, sd: poolStats.sd },
    units,
    students,
    balance: {
      classMeanCvInSchool: cvOfMeansWithin(classTable.mean, data.classSchool, data.schoolCount),
      schoolMeanCv: cvOfMeans(schoolTable.mean),
      betweenSchools: varianceShare(scores, schoolLevel.ofStudent, data.schoolCount),
    },
    paper,
  };
}

/** 学科有效分, 单/双上线, 命中率, 贡献率 at every defined line of the 总分. */
function effectiveAnalysis(
  data: ExamData,
  config: AnalysisConfig,
  levels: Level[],
  total: MeasureAnalysis,
  subjectColumns: Float64Array[],
): EffectiveAnalysis[] {
  const cols = data.totalSubjects.map((s) => subjectColumns[s]);
  const totals = total.students.score;
  const out: EffectiveAnalysis[] = [];
  for (const line of total.lineCuts) {
    if (line === null) continue;
    const eff = effectiveScores(totals, cols, line, config.effectiveMethod);
    out.push({
      line,
      students: eff.students,
      window: eff.window,
      effective: eff.scores,
      levels: levels.map((level) => {
        const ids = withNoneGroup(level);
        let totalOnLine = new Int32Array(level.count);
        const subjects = cols.map((col, j) => {
          const e = eff.scores[j];
          const hits = subjectLineHits(totals, col, line, e ?? Number.POSITIVE_INFINITY, ids, level.count + 1);
          totalOnLine = hits.totalOnLine.slice(0, level.count);
          return {
            single: hits.single.slice(0, level.count),
            double: hits.double.slice(0, level.count),
            hitRate: e === null ? new Array(level.count).fill(null) : hits.hitRate.slice(0, level.count),
            contribution: e === null ? new Array(level.count).fill(null) : hits.contribution.slice(0, level.count),
          };
        });
        return { level: level.key, totalOnLine, subjects };
      }),
    });
  }
  return out;
}

/** The whole analysis of an exam (see the module comment and full-analysis-types.ts). */
export function analyzeExam(data: ExamData, config: AnalysisConfig): FullAnalysis {
  const N = data.studentCount;
  if (data.studentClass.length !== N) throw new RangeError('analyzeExam: studentClass length ≠ studentCount');
  for (const s of data.subjects) {
    if (s.scores.length !== N) throw new RangeError(`analyzeExam: scores of ${s.name} have the wrong length`);
    if (s.paper && s.paper.matrix.length !== N * s.paper.fullMarks.length) {
      throw new RangeError(`analyzeExam: the item matrix of ${s.name} is not students × items`);
    }
  }
  const levels = baseLevels(data);
  const order = schoolClassOrder(data);
  const subjectColumns = data.subjects.map((_, s) => subjectScores(data, s));
  const measures: MeasureAnalysis[] = data.subjects.map((s, i) =>
    analyzeMeasure(
      data,
      config,
      levels,
      order,
      { name: s.name, kind: 'subject', subjects: [i] },
      subjectColumns[i],
      s.status ?? null,
    ),
  );
  const groups = [
    ...data.combined.map((g) => ({ name: g.name, kind: 'combined' as const, subjects: g.subjects })),
    ...(data.totalSubjects.length ? [{ name: '总分', kind: 'total' as const, subjects: data.totalSubjects }] : []),
  ];
  for (const g of groups) {
    const scores = sumScores(
      g.subjects.map((s) => subjectColumns[s]),
      N,
    );
    measures.push(analyzeMeasure(data, config, levels, order, g, scores, combinedStatus(data, g.subjects)));
  }
  const imbalance = subjectImbalance(
    measures.slice(0, data.subjects.length).map((m) => m.students.z ?? new Float64Array(N).fill(Number.NaN)),
  );
  const total = measures.find((m) => m.kind === 'total');
  if (!total) return { measures, imbalance, effective: [], contribution: [], allSubjects: [] };

  const effective = effectiveAnalysis(data, config, levels, total, subjectColumns);
  const totalSubjectMeasures = data.totalSubjects.map((s) => measures[s]);
  const contribution = levels.map((level, li) => {
    const totalUnits = total.units[li];
    const subjectUnits = totalSubjectMeasures.map((m) => m.units[li]);
    const shares: (number | null)[][] = subjectUnits.map(() => new Array(level.count).fill(null));
    for (let u = 0; u < level.count; u++) {
      const s = contributionShares(subjectUnits.map((t) => t.mean[u]));
      for (let j = 0; j < s.length; j++) shares[j][u] = s[j];
    }
    const difference = subjectUnits.map((t, j) =>
      t.scoreRate.map((rate, u) =>
        contributionDifference(
          rate,
          totalSubjectMeasures[j].units[0].scoreRate[0],
          totalUnits.scoreRate[u],
          total.units[0].scoreRate[0],
        ),
      ),
    );
    return { level: level.key, shares, difference };
  });
  const cols = data.totalSubjects.map((s) => subjectColumns[s]);
  const allSubjects = levels.map((level) => {
    const ids = withNoneGroup(level);
    const pass = allSubjectsRates(
      cols,
      totalSubjectMeasures.map((m) => m.cuts.pass),
      ids,
      level.count + 1,
    );
    const excellent = allSubjectsRates(
      cols,
      totalSubjectMeasures.map((m) => m.cuts.excellent),
      ids,
      level.count + 1,
    );
    return {
      level: level.key,
      n: pass.n.slice(0, level.count),
      pass: pass.rate.slice(0, level.count),
      excellent: excellent.rate.slice(0, level.count),
    };
  });
  return { measures, imbalance, effective, contribution, allSubjects };
}
