import {
  assignGrades,
  borderlineFlags,
  type CompositeTerm,
  compositeScores,
  cvOfMeans,
  extremeFlags,
  GRADE_LETTERS,
  groupSummaries,
  itemAnalysis,
  itemDifficultyByGroup,
  lineCounts,
  meanStandardScores,
  optionShares,
  overMeanRate,
  progress,
  rankValues,
  resolveCuts,
  type ScoreBand,
  scoreBands,
  sortedScores,
  standing,
  subjectImbalance,
  tagRates,
  topNCut,
  unitTScore,
  valueAdded,
  varianceShare,
  zScores,
} from '../../../../common/exams/index.js';
import type { ScoreStatus, UnitKind } from '../tables.js';
import type { ExamThresholds } from '../thresholds.js';

/**
 * The whole stored analysis of one exam, from columnar data (one entry per student of the exam) — the orchestration of
 * the pure engine in src/common/exams: which statistic for which unit and subject. Every formula is the engine's (see
 * its doc comments); this file only decides the 口径:
 * - a student who did not sit (缺考/作弊/免考, or no score row) is NaN: in 应考, outside every other denominator;
 * - 总分 and a combined group (文综/理综) are the sums over their member subjects for a student who sat all of them
 *   (a student missing one is outside the 总分 statistics, counted 缺考 there);
 * - relative lines (top x%) and every cut are resolved over the county pool, then applied to every unit;
 * - Z, T and 百分等级 are county-wide; unit T = (unit mean − county mean)/county SD × 10 + 50; 超均率 against the county;
 * - ranks of units are competition ranks among units of the same kind (schools among schools …).
 */

export interface ItemMeta {
  label: string;
  fullMarks: number;
  kind: 'objective' | 'subjective';
  answerKey: string | null;
  optionCount: number | null;
  knowledgePoint: string | null;
  abilityLevel: string | null;
}

export interface SubjectData {
  /** Stored key: the exam_subject id. */
  key: string;
  subjectId: number;
  name: string;
  fullMarks: number;
  inTotal: boolean;
  groupName: string | null;
  /** Score of each student; NaN = did not sit. */
  scores: Float64Array;
  status: ScoreStatus[];
  items: ItemMeta[];
  /** students × items, row-major; NaN rows for students who did not sit or have no item scores. */
  matrix: Float64Array | null;
  /** Chosen options per student (null = none recorded). */
  options: ((string | null)[] | null)[] | null;
  /** Teachers of each class index (teaching assignments of the exam's term). */
  teachersByClass: Map<number, number[]>;
}

export interface AnalysisInput {
  studentIds: number[];
  schoolIdx: Int32Array;
  classIdx: Int32Array; // −1 = no class
  schools: { id: number; regionIdx: number; locationIdx: number }[];
  classes: { id: number; schoolIdx: number }[];
  regions: number[];
  locations: string[];
  countyId: number;
  subjects: SubjectData[];
  thresholds: ExamThresholds;
  composite: CompositeTerm[];
  /** Scores of the same students in the prior exam, by subject id (and 'total'); NaN = did not sit. */
  prior: Map<string, Float64Array> | null;
}

export interface UnitRow {
  kind: UnitKind;
  id: number;
  key: string;
  schoolId: number | null;
  n: number;
  stats: Record<string, unknown>;
}

export interface StudentRow {
  studentId: number;
  schoolId: number;
  classId: number | null;
  data: Record<string, Record<string, unknown>>;
}

export interface AnalysisOutput {
  units: UnitRow[];
  students: StudentRow[];
  basis: Record<string, unknown>;
}

interface Scored {
  key: string;
  name: string;
  fullMarks: number;
  scores: Float64Array;
  /** Per student: 'sat' or why not. */
  status: (ScoreStatus | 'none')[];
  subject: SubjectData | null;
  /** Subject id for the prior-exam match ('total' for 总分). */
  priorKey: string | null;
}

const nn = (x: number) => (Number.isNaN(x) ? null : x);

/** Sums of member subjects for students who sat them all. */
function combined(key: string, name: string, members: SubjectData[], n: number, priorKey: string | null): Scored {
  const scores = new Float64Array(n);
  const status: (ScoreStatus | 'none')[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let st: ScoreStatus | 'none' = 'sat';
    for (const m of members) {
      s += m.scores[i];
      if (m.status[i] !== 'sat' && st === 'sat') st = m.status[i];
    }
    scores[i] = st === 'sat' ? s : Number.NaN;
    status[i] = st;
  }
  const fullMarks = members.reduce((a, m) => a + m.fullMarks, 0);
  return { key, name, fullMarks, scores, status, subject: null, priorKey };
}

export function computeAnalysis(input: AnalysisInput): AnalysisOutput {
  const n = input.studentIds.length;
  const t = input.thresholds;
  const keys: Scored[] = input.subjects.map((s) => ({
    key: s.key,
    name: s.name,
    fullMarks: s.fullMarks,
    scores: s.scores,
    status: s.status,
    subject: s,
    priorKey: String(s.subjectId),
  }));
  const groups = new Map<string, SubjectData[]>();
  for (const s of input.subjects) if (s.groupName) groups.set(s.groupName, [...(groups.get(s.groupName) ?? []), s]);
  for (const [name, members] of groups)
    if (members.length > 1) keys.push(combined(`g:${name}`, name, members, n, null));
  const inTotal = input.subjects.filter((s) => s.inTotal);
  if (inTotal.length > 1) keys.push(combined('total', '总分', inTotal, n, 'total'));

  // Unit index arrays (an extra last bucket for "none", never output).
  const classOf = Int32Array.from(input.classIdx, (c) => (c < 0 ? input.classes.length : c));
  const regionOf = Int32Array.from(input.schoolIdx, (s) => input.schools[s].regionIdx);
  const locationOf = Int32Array.from(input.schoolIdx, (s) => input.schools[s].locationIdx);
  const unitKinds: {
    kind: UnitKind;
    idx: Int32Array;
    count: number;
    id: (u: number) => number;
    school: (u: number) => number | null;
  }[] = [
    { kind: 'county', idx: new Int32Array(n), count: 1, id: () => input.countyId, school: () => null },
    { kind: 'region', idx: regionOf, count: input.regions.length, id: (u) => input.regions[u], school: () => null },
    { kind: 'location', idx: locationOf, count: input.locations.length, id: (u) => u, school: () => null },
    {
      kind: 'school',
      idx: input.schoolIdx,
      count: input.schools.length,
      id: (u) => input.schools[u].id,
      school: (u) => input.schools[u].id,
    },
    {
      kind: 'class',
      idx: classOf,
      count: input.classes.length + 1,
      id: (u) => input.classes[u]?.id ?? -1,
      school: (u) => (input.classes[u] ? input.schools[input.classes[u].schoolIdx].id : null),
    },
  ];

  const units: UnitRow[] = [];
  const unitIndex = new Map<string, UnitRow>();
  const push = (row: UnitRow) => {
    units.push(row);
    unitIndex.set(`${row.kind}:${row.id}:${row.key}`, row);
  };
  const studentData: Record<string, Record<string, unknown>>[] = Array.from({ length: n }, () => ({}));
  const basisKeys: Record<string, unknown> = {};
  const zByKey = new Map<string, Float64Array | null>();

  for (const k of keys) {
    const sorted = sortedScores(k.scores);
    const cuts = resolveCuts(t.rates, k.fullMarks, sorted);
    const pool = groupSummaries(k.scores, new Int32Array(n), 1, k.fullMarks, cuts)[0];
    const z = zScores(k.scores);
    zByKey.set(k.key, z);
    // 高分段: the county's top N as one more line (its cut = the N-th best score, ties included).
    const topCut = t.topN > 0 ? topNCut(k.scores, t.topN) : null;
    const keyLines =
      topCut === null
        ? t.lines
        : [...t.lines, { name: `前${t.topN}名`, threshold: { kind: 'score' as const, value: topCut } }];
    const lineThresholds = keyLines.map((l) => l.threshold);
    const lines = lineCounts(k.scores, k.fullMarks, lineThresholds, new Int32Array(n), 1);
    const grades = assignGrades(k.scores, k.fullMarks, t.gradeLines);
    basisKeys[k.key] = {
      name: k.name,
      fullMarks: k.fullMarks,
      cuts,
      lineCuts: lines.cuts,
      gradeCuts: grades.cuts,
      poolMean: pool.mean,
      poolSd: pool.sd,
      expected: pool.expected,
      sat: pool.n,
    };
    const statusCounts = (idx: Int32Array, count: number) => {
      const c = {
        absent: new Int32Array(count),
        cheated: new Int32Array(count),
        exempt: new Int32Array(count),
        none: new Int32Array(count),
      };
      for (let i = 0; i < n; i++) {
        const st = k.status[i];
        if (st !== 'sat') c[st][idx[i]]++;
      }
      return c;
    };
    const prior = input.prior?.get(k.priorKey ?? '') ?? null;

    for (const u of unitKinds) {
      const summaries = groupSummaries(k.scores, u.idx, u.count, k.fullMarks, cuts);
      const meanZ = z ? meanStandardScores(z, u.idx, u.count) : summaries.map(() => null);
      const lc = lineCounts(k.scores, k.fullMarks, lineThresholds, u.idx, u.count);
      const sc = statusCounts(u.idx, u.count);
      const outputs = summaries.map((s) => s.group).filter((g) => u.id(g) !== -1 && summaries[g].expected > 0);
      const composite = compositeScores(
        summaries.map((s) => ({ ...s }) as unknown as Record<string, number | null>),
        input.composite,
      );
      const meanRank = rankValues(outputs.map((g) => summaries[g].mean));
      const compositeRank = rankValues(outputs.map((g) => composite.score[g]));
      const va =
        prior && (u.kind === 'school' || u.kind === 'class' || u.kind === 'region')
          ? valueAdded(prior, k.scores, u.idx, u.count)
          : null;
      const members: number[][] =
        u.kind === 'county' || u.kind === 'school' || u.kind === 'class'
          ? Array.from({ length: u.count }, () => [])
          : [];
      if (members.length) for (let i = 0; i < n; i++) members[u.idx[i]].push(i);
      for (const [pos, g] of outputs.entries()) {
        const s = summaries[g];
        let bands: ScoreBand[] | undefined;
        if (members.length)
          bands = scoreBands(
            Float64Array.from(members[g], (i) => k.scores[i]),
            k.fullMarks,
            t.bandStep,
          );
        const v = va?.units[g];
        push({
          kind: u.kind,
          id: u.id(g),
          key: k.key,
          schoolId: u.school(g),
          n: s.n,
          stats: {
            ...s,
            group: undefined,
            absentCount: sc.absent[g],
            cheatedCount: sc.cheated[g],
            exemptCount: sc.exempt[g],
            missingCount: sc.none[g],
            participation: s.expected ? s.n / s.expected : null,
            meanZ: meanZ[g],
            tScore: unitTScore(s.mean, pool.mean, pool.sd),
            overMean: overMeanRate(s.mean, pool.mean),
            composite: composite.score[g],
            compositeRank: compositeRank[pos],
            rank: meanRank[pos],
            lines: keyLines.map((l, li) => ({
              name: l.name,
              cut: lc.cuts[li],
              count: lc.counts[g * keyLines.length + li],
              rate: nn(lc.rates[g * keyLines.length + li]),
            })),
            bands,
            va: v
              ? {
                  n: v.n,
                  va: v.va,
                  se: v.se,
                  ciLow: v.ciLow,
                  ciHigh: v.ciHigh,
                  notDifferent: v.notDifferent,
                  meanResidual: v.meanResidual,
                }
              : undefined,
          },
        });
      }
      if (u.kind === 'school') {
        // Balance across schools: CV of school means and the between-school variance share (ICC-like).
        const county = unitIndex.get(`county:${input.countyId}:${k.key}`);
        if (county) {
          county.stats.cvOfSchoolMeans = cvOfMeans(outputs.map((g) => summaries[g].mean));
          county.stats.betweenSchoolShare = varianceShare(k.scores, u.idx, u.count);
        }
      }
    }

    // Teachers: the students of the classes they teach this subject.
    if (k.subject && k.subject.teachersByClass.size > 0) {
      const byTeacher = new Map<number, Set<number>>();
      for (const [c, staff] of k.subject.teachersByClass)
        for (const id of staff) byTeacher.set(id, (byTeacher.get(id) ?? new Set()).add(c));
      const teacherIds = [...byTeacher.keys()];
      for (const id of teacherIds) {
        const cls = byTeacher.get(id)!;
        const picked: number[] = [];
        for (let i = 0; i < n; i++) if (cls.has(input.classIdx[i])) picked.push(i);
        if (!picked.length) continue;
        const s = groupSummaries(
          Float64Array.from(picked, (i) => k.scores[i]),
          new Int32Array(picked.length),
          1,
          k.fullMarks,
          cuts,
        )[0];
        const schoolIdx = input.classes[[...cls][0]].schoolIdx;
        push({
          kind: 'teacher',
          id,
          key: k.key,
          schoolId: input.schools[schoolIdx].id,
          n: s.n,
          stats: {
            ...s,
            group: undefined,
            classIds: [...cls].map((c) => input.classes[c].id),
            tScore: unitTScore(s.mean, pool.mean, pool.sd),
            overMean: overMeanRate(s.mean, pool.mean),
          },
        });
      }
    }

    if (k.subject?.matrix && k.subject.items.length > 0) itemResults(k, input, unitKinds, unitIndex);

    // Students: 等级, Z, T, 百分等级, ranks (class, school, county), 临界 per line, 尖子生/学困生, 进退步.
    const county = standing(k.scores);
    const inSchool = standing(k.scores, input.schoolIdx, input.schools.length);
    const inClass = standing(k.scores, classOf, input.classes.length + 1);
    const top = extremeFlags(k.scores, 'top', { share: t.topShare });
    const bottom = extremeFlags(k.scores, 'bottom', { share: t.topShare });
    const borderline = lines.cuts.map((c) => (c === null ? null : borderlineFlags(k.scores, c, t.borderlineK)));
    const change = prior ? progress(prior, k.scores) : null;
    for (let i = 0; i < n; i++) {
      const sat = k.status[i] === 'sat';
      const row: Record<string, unknown> = { s: sat ? k.scores[i] : null, st: k.status[i] };
      if (sat) {
        row.g = GRADE_LETTERS[grades.grade[i]] ?? null;
        row.z = z ? z[i] : null;
        row.t = z ? 50 + 10 * z[i] : null;
        row.pr = county.percentileRank[i];
        row.rk = county.rank[i];
        row.rs = inSchool.rank[i];
        row.rc = input.classIdx[i] >= 0 ? inClass.rank[i] : null;
        const b = keyLines.filter((_, li) => borderline[li]?.[i]).map((l) => l.name);
        if (b.length) row.b = b;
        if (top[i]) row.top = 1;
        if (bottom[i]) row.bottom = 1;
        if (change && !Number.isNaN(change.rankChange[i])) {
          row.drk = change.rankChange[i];
          row.dz = change.zChange ? change.zChange[i] : null;
        }
      }
      studentData[i][k.key] = row;
    }
  }

  // 偏科: subject Z − the student's mean Z over the subjects sat (subjects only, not groups or 总分).
  const subjectZ = input.subjects.map((s) => zByKey.get(s.key) ?? new Float64Array(n).fill(Number.NaN));
  const imbalance = subjectImbalance(subjectZ);
  for (const [si, s] of input.subjects.entries())
    for (let i = 0; i < n; i++) {
      const d = imbalance[si][i];
      if (!Number.isNaN(d)) studentData[i][s.key].imb = d;
    }

  return {
    units,
    students: input.studentIds.map((id, i) => ({
      studentId: id,
      schoolId: input.schools[input.schoolIdx[i]].id,
      classId: input.classIdx[i] >= 0 ? input.classes[input.classIdx[i]].id : null,
      data: studentData[i],
    })),
    basis: {
      thresholds: t,
      composite: input.composite,
      keys: basisKeys,
      denominators: '实考人数（缺考、作弊、免考及未录入成绩者不计入）',
      sd: 'sample',
      quantiles: 'R type 7',
      total: '总分与合科：仅统计各科均有成绩的学生',
      poolForRelativeLines: 'county',
      prior: input.prior !== null,
    },
  };
}

/** Items of a subject: county item analysis (P, D, r, α, SEM, flags, options) and P / 知识点 得分率 per school and class. */
function itemResults(
  k: Scored,
  input: AnalysisInput,
  unitKinds: { kind: UnitKind; idx: Int32Array; count: number; id: (u: number) => number }[],
  unitIndex: Map<string, UnitRow>,
) {
  const s = k.subject!;
  const n = input.studentIds.length;
  const K = s.items.length;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (s.status[i] === 'sat' && !Number.isNaN(s.matrix![i * K])) rows.push(i);
  if (rows.length === 0) return;
  const matrix = new Float64Array(rows.length * K);
  for (const [r, i] of rows.entries()) matrix.set(s.matrix!.subarray(i * K, i * K + K), r * K);
  const fullMarks = s.items.map((it) => it.fullMarks);
  const analysis = itemAnalysis(matrix, rows.length, fullMarks);
  const kps = [...new Set(s.items.map((it) => it.knowledgePoint).filter((x): x is string => !!x))];
  const abilities = [...new Set(s.items.map((it) => it.abilityLevel).filter((x): x is string => !!x))];
  const kpTags = Int32Array.from(s.items, (it) => (it.knowledgePoint ? kps.indexOf(it.knowledgePoint) : -1));
  const abTags = Int32Array.from(s.items, (it) => (it.abilityLevel ? abilities.indexOf(it.abilityLevel) : -1));
  for (const u of unitKinds) {
    if (u.kind !== 'county' && u.kind !== 'school' && u.kind !== 'class') continue;
    const groups = Int32Array.from(rows, (i) => u.idx[i]);
    const p = itemDifficultyByGroup(matrix, rows.length, fullMarks, groups, u.count);
    const kp = kps.length ? tagRates(matrix, rows.length, fullMarks, kpTags, kps.length, groups, u.count) : null;
    const ab = abilities.length
      ? tagRates(matrix, rows.length, fullMarks, abTags, abilities.length, groups, u.count)
      : null;
    const options = s.items.map((it, j) => {
      if (it.kind !== 'objective' || !it.optionCount || !s.options) return null;
      const letters = 'ABCDEFGHIJ'.slice(0, it.optionCount);
      const chosen = Int8Array.from(rows, (i) => {
        const o = s.options![i]?.[j] ?? null;
        const idx = o && o.length === 1 ? letters.indexOf(o) : -1;
        return idx;
      });
      const key = it.answerKey && it.answerKey.length === 1 ? letters.indexOf(it.answerKey) : null;
      return optionShares(chosen, it.optionCount, key === -1 ? null : key, groups, u.count);
    });
    for (let g = 0; g < u.count; g++) {
      if (!p.n[g] || u.id(g) === -1) continue;
      const row = unitIndex.get(`${u.kind}:${u.id(g)}:${k.key}`);
      if (!row) continue;
      row.stats.items = s.items.map((it, j) => {
        const o = options[j];
        const W = (it.optionCount ?? 0) + 1;
        return {
          p: nn(p.difficulty[g * K + j]),
          options: o ? Array.from(o.shares.subarray(g * W, g * W + W), nn) : undefined,
        };
      });
      if (kp) row.stats.knowledge = kps.map((name, ti) => ({ name, rate: nn(kp.rates[g * kps.length + ti]) }));
      if (ab)
        row.stats.abilities = abilities.map((name, ti) => ({ name, rate: nn(ab.rates[g * abilities.length + ti]) }));
      if (u.kind === 'county') {
        row.stats.paper = {
          n: analysis.n,
          alpha: analysis.alpha,
          sem: analysis.sem,
          items: analysis.items.map((st, j) => ({
            ...st,
            label: s.items[j].label,
            kind: s.items[j].kind,
            knowledgePoint: s.items[j].knowledgePoint,
            abilityLevel: s.items[j].abilityLevel,
            answerKey: s.items[j].answerKey,
          })),
        };
      }
    }
  }
}
