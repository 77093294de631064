import {
  analyzeExam,
  type ExamData,
  extremeFlags,
  type SubjectData as FullSubject,
  GRADE_LETTERS,
  progress,
  STATUS,
  type UnitTable,
  valueAdded,
} from '../../../../common/exams/index.js';
import type { UnitKind } from '../tables.js';
import type { AnalysisInput, AnalysisOutput, StudentRow, UnitRow } from './compute.js';

/**
 * The stored analysis from `analyzeExam` (src/common/exams/full-analysis.ts, the one pure function of the whole
 * standard analysis): this file only converts the loaded exam into its columnar input and its column tables into the
 * stored rows (one jsonb per unit × measure, one per student). Added here, because analyzeExam does not cover them:
 * value added against the prior exam, 尖子生/学困生 flags, 进退步, and classes/teachers as database ids.
 * Students without a class go to one "no class" bucket per school, which is never stored as a class.
 */
export function computeWithFullAnalysis(input: AnalysisInput): AnalysisOutput {
  const n = input.studentIds.length;
  const t = input.thresholds;
  const C = input.classes.length;
  const S = input.schools.length;
  const studentClass = Int32Array.from(input.classIdx, (c, i) => (c < 0 ? C + input.schoolIdx[i] : c));
  const classSchool = Int32Array.from({ length: C + S }, (_, c) => (c < C ? input.classes[c].schoolIdx : c - C));
  const statusCode = {
    sat: STATUS.sat,
    absent: STATUS.absent,
    cheated: STATUS.cheated,
    exempt: STATUS.exempt,
    none: STATUS.absent,
  };

  const subjects: FullSubject[] = input.subjects.map((s) => {
    const teacherIds = [...new Set([...s.teachersByClass.values()].map((v) => v[0]))];
    const teacherOfClass = Int32Array.from({ length: C + S }, (_, c) => {
      const first = s.teachersByClass.get(c)?.[0];
      return first === undefined ? -1 : teacherIds.indexOf(first);
    });
    const K = s.items.length;
    const kps = [...new Set(s.items.map((i) => i.knowledgePoint).filter((x): x is string => !!x))];
    const abs = [...new Set(s.items.map((i) => i.abilityLevel).filter((x): x is string => !!x))];
    const letters = 'ABCDEFGHIJ';
    return {
      name: s.name,
      fullMarks: s.fullMarks,
      scores: s.scores,
      status: Uint8Array.from(s.status, (st) => statusCode[st as keyof typeof statusCode] ?? STATUS.absent),
      teacherOfClass: teacherIds.length ? teacherOfClass : undefined,
      teacherCount: teacherIds.length || undefined,
      teacherIds,
      paper:
        s.matrix && K > 0
          ? {
              fullMarks: Float64Array.from(s.items, (i) => i.fullMarks),
              matrix: Float32Array.from(s.matrix, (x) => (Number.isNaN(x) ? 0 : x)),
              knowledge: Int32Array.from(s.items, (i) => (i.knowledgePoint ? kps.indexOf(i.knowledgePoint) : -1)),
              knowledgeCount: kps.length,
              ability: Int32Array.from(s.items, (i) => (i.abilityLevel ? abs.indexOf(i.abilityLevel) : -1)),
              abilityCount: abs.length,
              options: s.options
                ? {
                    chosen: Int8Array.from({ length: n * K }, (_, x) => {
                      const o = s.options![Math.floor(x / K)]?.[x % K] ?? null;
                      const item = s.items[x % K];
                      return o && o.length === 1 && item.optionCount
                        ? letters.slice(0, item.optionCount).indexOf(o)
                        : -1;
                    }),
                    optionCount: Int32Array.from(s.items, (i) => (i.kind === 'objective' ? (i.optionCount ?? 0) : 0)),
                    key: Int32Array.from(s.items, (i) =>
                      i.answerKey?.length === 1 ? letters.indexOf(i.answerKey) : -1,
                    ),
                  }
                : undefined,
            }
          : undefined,
    } as FullSubject & { teacherIds: number[] };
  });
  const groups = new Map<string, number[]>();
  for (const [i, s] of input.subjects.entries())
    if (s.groupName) groups.set(s.groupName, [...(groups.get(s.groupName) ?? []), i]);
  const inTotal = input.subjects.flatMap((s, i) => (s.inTotal ? [i] : []));
  const data: ExamData = {
    studentCount: n,
    studentClass,
    classCount: C + S,
    classSchool,
    schoolCount: S,
    schoolGroupings: [
      { key: 'region', count: input.regions.length, ofSchool: Int32Array.from(input.schools, (s) => s.regionIdx) },
      {
        key: 'location',
        count: input.locations.length,
        ofSchool: Int32Array.from(input.schools, (s) => s.locationIdx),
      },
    ],
    subjects,
    combined: [...groups].filter(([, m]) => m.length > 1).map(([name, m]) => ({ name, subjects: m })),
    totalSubjects: inTotal.length > 1 ? inTotal : [],
  };
  const full = analyzeExam(data, {
    rates: t.rates,
    composite: input.composite,
    gradeLines: t.gradeLines,
    lines: t.lines.map((l) => l.threshold),
    borderlinePoints: t.borderlineK,
    bandSteps: { default: t.bandStep },
    highScoreTopN: t.topN > 0 ? [t.topN] : [],
    effectiveMethod: { kind: 'window' },
  });

  const units: UnitRow[] = [];
  const students: StudentRow[] = input.studentIds.map((id, i) => ({
    studentId: id,
    schoolId: input.schools[input.schoolIdx[i]].id,
    classId: input.classIdx[i] >= 0 ? input.classes[input.classIdx[i]].id : null,
    data: {},
  }));
  const levelOf: Record<string, Int32Array> = {
    county: new Int32Array(n),
    region: Int32Array.from(input.schoolIdx, (s) => input.schools[s].regionIdx),
    location: Int32Array.from(input.schoolIdx, (s) => input.schools[s].locationIdx),
    school: input.schoolIdx,
    class: studentClass,
  };
  const keyOf = (m: (typeof full.measures)[number], i: number) =>
    m.kind === 'subject' ? input.subjects[i].key : m.kind === 'total' ? 'total' : `g:${m.name}`;

  for (const [mi, m] of full.measures.entries()) {
    const key = keyOf(m, mi);
    const subject = m.kind === 'subject' ? input.subjects[mi] : null;
    const teacherIds = m.kind === 'subject' ? (subjects[mi] as FullSubject & { teacherIds: number[] }).teacherIds : [];
    const prior = input.prior?.get(subject ? String(subject.subjectId) : m.kind === 'total' ? 'total' : '') ?? null;
    const lineNames = [...t.lines.map((l) => l.name), ...(t.topN > 0 ? [`前${t.topN}名`] : [])];
    for (const table of m.units) {
      const kind = table.level as UnitKind;
      const idOf = (u: number): number | null => {
        if (kind === 'county') return input.countyId;
        if (kind === 'region') return input.regions[u];
        if (kind === 'location') return u;
        if (kind === 'school') return input.schools[u].id;
        if (kind === 'class') return u < C ? input.classes[u].id : null;
        return teacherIds[u] ?? null;
      };
      const schoolOf = (u: number): number | null =>
        kind === 'school'
          ? input.schools[u].id
          : kind === 'class' && u < C
            ? input.schools[input.classes[u].schoolIdx].id
            : null;
      const va =
        prior && levelOf[kind] && ['school', 'class', 'region'].includes(kind)
          ? valueAdded(prior, m.students.score, levelOf[kind], table.count)
          : null;
      const pItems = m.paper?.pByLevel.find((p) => p.level === kind);
      const itemTable = m.paper?.tables.find((x) => x.level === kind);
      const kp = m.paper?.knowledge.find((x) => x.level === kind);
      const optionsOf = (u: number) =>
        m.paper?.options.map((o) => {
          const shares =
            kind === 'county' ? o.county : kind === 'school' ? o.school : kind === 'class' ? o.class : null;
          if (!shares) return undefined;
          const W = o.optionCount + 1;
          return Array.from(shares.shares.subarray(u * W, u * W + W), (x) => (Number.isNaN(x) ? null : x));
        });
      for (let u = 0; u < table.count; u++) {
        const id = idOf(u);
        if (id === null || table.expected[u] === 0) continue;
        const stats = unitStats(table, u, lineNames, m.fullMarks, m.bandStep, m.bandCount, m.lineCuts, m.highScoreCuts);
        if (kind === 'teacher') {
          stats.classIds = input.classes.flatMap((c, ci) => (subjects[mi].teacherOfClass?.[ci] === u ? [c.id] : []));
        }
        const v = va?.units[u];
        if (v)
          stats.va = {
            n: v.n,
            va: v.va,
            se: v.se,
            ciLow: v.ciLow,
            ciHigh: v.ciHigh,
            notDifferent: v.notDifferent,
            meanResidual: v.meanResidual,
          };
        if (pItems && m.paper && (kind === 'county' || kind === 'school' || kind === 'class')) {
          const K = m.paper.k;
          const opts = optionsOf(u);
          stats.items = Array.from({ length: K }, (_, j) => ({ p: pItems.p[u * K + j], options: opts?.[j] }));
          if (kp) {
            const names = [...new Set(subject!.items.map((i) => i.knowledgePoint).filter((x): x is string => !!x))];
            stats.knowledge = names.map((name, ti) => ({ name, rate: kp.rates[u * kp.tagCount + ti] }));
          }
        }
        if (kind === 'county') {
          stats.cvOfSchoolMeans = m.balance.schoolMeanCv;
          stats.betweenSchoolShare = m.balance.betweenSchools;
          if (itemTable && m.paper && subject) {
            const K = m.paper.k;
            stats.paper = {
              n: itemTable.n[0],
              alpha: itemTable.alpha[0],
              sem: itemTable.sem[0],
              items: subject.items.map((it, j) => ({
                fullMarks: it.fullMarks,
                difficulty: itemTable.p[j],
                fullRate: itemTable.fullRate[j],
                zeroRate: itemTable.zeroRate[j],
                upperLowerD: itemTable.d[j],
                discrimination: itemTable.r[j],
                flagHard: m.paper!.flags[j].hard,
                flagEasy: m.paper!.flags[j].easy,
                flagLowD: m.paper!.flags[j].lowD,
                flagNegativeR: m.paper!.flags[j].negativeR,
                label: it.label,
                kind: it.kind,
                knowledgePoint: it.knowledgePoint,
                abilityLevel: it.abilityLevel,
                answerKey: it.answerKey,
              })),
            };
            void K;
          }
        }
        units.push({ kind, id, key, schoolId: kind === 'teacher' ? null : schoolOf(u), n: table.n[u], stats });
      }
    }

    // Students: from the student table, plus 尖子生/学困生 and 进退步.
    const st = m.students;
    const top = extremeFlags(st.score, 'top', { share: t.topShare });
    const bottom = extremeFlags(st.score, 'bottom', { share: t.topShare });
    const change = prior ? progress(prior, st.score) : null;
    const statusOf = (i: number) =>
      subject
        ? subject.status[i]
        : (m.subjects.map((s) => input.subjects[s].status[i]).find((x) => x !== 'sat') ?? 'sat');
    for (let i = 0; i < n; i++) {
      const sat = !Number.isNaN(st.score[i]);
      const row: Record<string, unknown> = { s: sat ? st.score[i] : null, st: sat ? 'sat' : statusOf(i) };
      if (sat) {
        row.g = GRADE_LETTERS[st.grade[i]] ?? null;
        row.z = st.z ? st.z[i] : null;
        row.t = st.t ? st.t[i] : null;
        row.pr = st.percentileRank[i];
        row.rk = st.rankCounty[i];
        row.rs = st.rankSchool[i];
        row.rc = input.classIdx[i] >= 0 ? st.rankClass[i] : null;
        const b = lineNames.filter((_, li) => st.borderline[li]?.[i]).map((l) => l);
        if (b.length) row.b = b;
        if (top[i]) row.top = 1;
        if (bottom[i]) row.bottom = 1;
        if (change && !Number.isNaN(change.rankChange[i])) {
          row.drk = change.rankChange[i];
          row.dz = change.zChange ? change.zChange[i] : null;
        }
        if (m.kind === 'subject' && !Number.isNaN(full.imbalance[mi][i])) row.imb = full.imbalance[mi][i];
      }
      students[i].data[key] = row;
    }
  }

  const keys: Record<string, unknown> = {};
  for (const [mi, m] of full.measures.entries())
    keys[keyOf(m, mi)] = {
      name: m.name,
      fullMarks: m.fullMarks,
      cuts: m.cuts,
      lineCuts: m.lineCuts,
      gradeCuts: m.gradeCuts,
      highScoreCuts: m.highScoreCuts,
      poolMean: m.pool.mean,
      poolSd: m.pool.sd,
      sat: m.pool.n,
    };
  return {
    units,
    students,
    basis: {
      thresholds: t,
      composite: input.composite,
      keys,
      denominators: '实考人数（缺考、作弊、免考及未录入成绩者不计入）',
      sd: 'sample',
      quantiles: 'R type 7',
      total: '总分与合科：仅统计各科均有成绩的学生',
      poolForRelativeLines: 'county',
      prior: input.prior !== null,
      engine: 'analyzeExam',
      effective: full.effective.map((e) => ({
        line: e.line,
        students: e.students,
        window: e.window,
        effective: e.effective,
      })),
    },
  };
}

/** One unit's column values as the stored object (the field names the pages and exports read). */
function unitStats(
  t: UnitTable,
  u: number,
  lineNames: string[],
  fullMarks: number,
  step: number,
  bandCount: number,
  lineCuts: (number | null)[],
  highCuts: (number | null)[],
): Record<string, unknown> {
  const L = lineCuts.length;
  const H = highCuts.length;
  const n = t.n[u];
  const bands = Array.from({ length: bandCount }, (_, b) => ({
    lower: Math.max(0, Number((fullMarks - (b + 1) * step).toPrecision(12))),
    upper: Number((fullMarks - b * step).toPrecision(12)),
    count: t.bandCounts[u * bandCount + b],
    cumulative: t.bandCumulative[u * bandCount + b],
    share: t.bandShares[u * bandCount + b],
    cumulativeShare: n ? t.bandCumulative[u * bandCount + b] / n : 0,
  }));
  return {
    expected: t.expected[u],
    n,
    absent: t.expected[u] - n,
    absentCount: t.absent[u] - t.cheated[u] - t.exempt[u],
    cheatedCount: t.cheated[u],
    exemptCount: t.exempt[u],
    participation: t.participation[u],
    mean: t.mean[u],
    scoreRate: t.scoreRate[u],
    sd: t.sd[u],
    min: t.min[u],
    max: t.max[u],
    q1: t.q1[u],
    median: t.median[u],
    q3: t.q3[u],
    cv: t.cv[u],
    skewness: t.skewness[u],
    overMean: t.overMeanRate[u],
    excellentRate: t.excellentRate[u],
    goodRate: t.goodRate[u],
    passRate: t.passRate[u],
    lowRate: t.lowRate[u],
    composite: t.compositeScore[u],
    compositeRank: t.compositeRank[u],
    rank: t.meanRank[u],
    rankInSchool: t.meanRankInParent?.[u] ?? null,
    meanZ: t.meanZ[u],
    tScore: t.unitT[u],
    bands,
    lines: [
      ...lineCuts.map((cut, l) => ({
        name: lineNames[l],
        cut,
        count: t.lineCounts[u * L + l],
        rate: t.lineRates[u * L + l],
      })),
      ...highCuts.map((cut, h) => ({
        name: lineNames[L + h],
        cut,
        count: t.highScoreCounts[u * H + h],
        rate: n ? t.highScoreCounts[u * H + h] / n : null,
      })),
    ],
  };
}
