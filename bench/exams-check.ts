import type { DuckDBConnection } from '@duckdb/node-api';
import type { FullAnalysis, UnitTable } from '../src/common/exams/full-analysis.js';
import type { BenchExam } from './exams-data.js';

/**
 * Cross-checks of the exams benchmark: a sample of every kind of number (unit tables of every level, 分数段, student
 * ranks/Z/PR/等级/临界/偏科, balance, item statistics, option shares, tag rates, 有效分, 上线, 全科 rates, 贡献率) read
 * from DuckDB's tables and compared with analyzeExam's. Throws on the first disagreement (relative 1e-9; a null on one
 * side must be null — or NaN for "did not sit" — on the other).
 */

type V = number | null | undefined;

const num = (x: unknown): number | null =>
  x === null || x === undefined
    ? null
    : typeof x === 'bigint'
      ? Number(x)
      : typeof x === 'boolean'
        ? Number(x)
        : Number(x);

export async function compareWithDuckDb(ours: FullAnalysis, exam: BenchExam, db: DuckDBConnection): Promise<number> {
  let compared = 0;
  const rows = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const one = async (sql: string) => (await rows(sql))[0] ?? {};
  const same = (label: string, a: V, b: unknown) => {
    const x = a === undefined || (typeof a === 'number' && Number.isNaN(a)) ? null : a;
    let y = num(b);
    if (y !== null && Number.isNaN(y)) y = null;
    compared++;
    if (x === null && y === null) return;
    if (x === null || y === null || Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x))) {
      throw new Error(`exams bench: ours and DuckDB disagree on ${label}: ${x} vs ${y}`);
    }
  };
  const { data } = exam;
  const S = data.subjects.length;
  const totalMeasure = ours.measures.length - 1;
  const pick = (count: number) => [...new Set([0, count >> 1, count - 1])].filter((u) => u >= 0 && u < count);

  // unit tables
  for (const m of [1, S, totalMeasure]) {
    const measure = ours.measures[m];
    for (const table of measure.units) {
      for (const u of pick(table.count)) {
        const r = await one(
          `SELECT u.*, q[1] AS q1, q[2] AS q2, q[3] AS q3, r.composite_rank, r.mean_rank, r.rank_in_school FROM units u
           JOIN unit_ranks r USING (measure, level, unit) WHERE measure = ${m} AND level = '${table.level}' AND unit = ${u}`,
        );
        const at = (k: keyof UnitTable) => (table[k] as ArrayLike<V>)[u];
        const label = (what: string) => `${measure.name} ${table.level} ${u} ${what}`;
        const pairs: [string, V, unknown][] = [
          ['应考', at('expected'), r.expected],
          ['实考', at('n'), r.n],
          ['缺考', at('absent'), r.absent],
          ['作弊', at('cheated'), r.cheated],
          ['免考', at('exempt'), r.exempt],
          ['参考率', at('participation'), r.participation],
          ['mean', at('mean'), r.mean],
          ['得分率', at('scoreRate'), r.score_rate],
          ['sd', at('sd'), r.sd],
          ['min', at('min'), r.min],
          ['max', at('max'), r.max],
          ['q1', at('q1'), r.q1],
          ['median', at('median'), r.q2],
          ['q3', at('q3'), r.q3],
          ['差异系数', at('cv'), r.cv],
          ['skew', at('skewness'), r.skew],
          ['超均率', at('overMeanRate'), r.over_mean],
          ['优秀率', at('excellentRate'), r.exc],
          ['良好率', at('goodRate'), r.good],
          ['及格率', at('passRate'), r.pass],
          ['低分率', at('lowRate'), r.low],
          ['综合得分', at('compositeScore'), r.composite],
          ['综合得分 rank', at('compositeRank'), r.composite_rank],
          ['mean rank', at('meanRank'), r.mean_rank],
          ['平均标准分', at('meanZ'), r.mean_z],
          ['unit T', at('unitT'), r.unit_t],
        ];
        if (table.meanRankInParent) pairs.push(['rank in school', table.meanRankInParent[u], r.rank_in_school]);
        measure.lineCuts.forEach((_, l) => {
          pairs.push([`上线 ${l}`, table.lineCounts[u * measure.lineCuts.length + l], r[`line${l}`]]);
        });
        measure.highScoreCuts.forEach((_, h) => {
          pairs.push([`高分段 ${h}`, table.highScoreCounts[u * measure.highScoreCuts.length + h], r[`high${h}`]]);
        });
        for (const [what, a, b] of pairs) same(label(what), a, b);
        const bands = await rows(
          `SELECT band, c, cumulative FROM bands WHERE measure = ${m} AND level = '${table.level}' AND unit = ${u}`,
        );
        const B = measure.bandCount;
        const counts = new Array(B).fill(0);
        for (const b of bands) counts[Number(b.band)] = Number(b.c);
        let cum = 0;
        for (let b = 0; b < B; b++) {
          cum += counts[b];
          same(label(`分数段 ${b}`), table.bandCounts[u * B + b], counts[b]);
          same(label(`分数段累计 ${b}`), table.bandCumulative[u * B + b], cum);
        }
      }
    }
    // balance
    const bal = await one(`SELECT * FROM balance WHERE measure = ${m}`);
    same(`${measure.name} school CV`, measure.balance.schoolMeanCv, bal.school_cv);
    same(`${measure.name} η²`, measure.balance.betweenSchools.etaSquared, bal.eta2);
    for (const s of pick(data.schoolCount)) {
      const c = await one(`SELECT cv FROM class_cv WHERE measure = ${m} AND school = ${s}`);
      same(`${measure.name} class CV in school ${s}`, measure.balance.classMeanCvInSchool[s], c.cv);
    }
    // students
    const st = measure.students;
    for (const i of [0, 1, 7, data.studentCount >> 1, data.studentCount - 1]) {
      const r = await one(`SELECT * FROM stu_out WHERE measure = ${m} AND student = ${i}`);
      const label = (what: string) => `${measure.name} student ${i} ${what}`;
      same(label('Z'), st.z?.[i], r.z);
      same(label('T'), st.t?.[i], r.t);
      same(label('百分等级'), st.percentileRank[i], r.pr);
      same(label('rank county'), st.rankCounty[i] || null, r.rank_county);
      same(label('rank school'), st.rankSchool[i] || null, r.rank_school);
      same(label('rank class'), st.rankClass[i] || null, r.rank_class);
      same(label('等级'), st.grade[i] < 0 ? null : st.grade[i], r.grade);
      st.borderline.forEach((flags, l) => {
        same(label(`临界 ${l}`), flags[i], r[`border${l}`]);
      });
      if (m < S) {
        const b = await one(`SELECT imbalance FROM imbalance WHERE measure = ${m} AND student = ${i}`);
        same(label('偏科'), ours.imbalance[m][i], b.imbalance);
      }
    }
  }

  // items of one subject
  const subject = 1;
  const paper = ours.measures[subject].paper!;
  for (const table of paper.tables) {
    for (const u of pick(table.count)) {
      const a = await one(`SELECT * FROM alpha_${table.level} WHERE subject = ${subject} AND unit = ${u}`);
      same(`items ${table.level} ${u} α`, table.alpha[u], a.alpha);
      same(`items ${table.level} ${u} SEM`, table.sem[u], a.sem);
      for (const j of [0, 7, 11, 24]) {
        const r = await one(
          `SELECT * FROM item_${table.level} WHERE subject = ${subject} AND unit = ${u} AND item = ${j}`,
        );
        const at = (col: (number | null)[]) => col[u * table.k + j];
        const label = (what: string) => `item ${j} ${table.level} ${u} ${what}`;
        same(label('P'), at(table.p), r.p);
        same(label('满分率'), at(table.fullRate), r.full_rate);
        same(label('零分率'), at(table.zeroRate), r.zero_rate);
        same(label('D'), at(table.d), r.d);
        same(label('r'), at(table.r), r.r);
      }
    }
  }
  for (const lp of paper.pByLevel) {
    for (const u of pick(lp.count)) {
      const r = await one(
        `SELECT p FROM item_p WHERE subject = ${subject} AND item = 3 AND level = '${lp.level}' AND unit = ${u}`,
      );
      same(`item 3 P ${lp.level} ${u}`, lp.p[u * paper.k + 3], r.p);
    }
  }
  for (const o of paper.options.filter((x) => x.item === 0 || x.item === 11)) {
    for (const [level, shares, count] of [
      ['county', o.county, 1],
      ['school', o.school, data.schoolCount],
      ['class', o.class, data.classCount],
    ] as const) {
      for (const u of pick(count)) {
        const W = o.optionCount + 1;
        const got = await rows(
          `SELECT choice, share FROM options WHERE subject = ${subject} AND item = ${o.item} AND level = '${level}' AND unit = ${u}`,
        );
        const byChoice = new Map(got.map((g) => [Number(g.choice), Number(g.share)]));
        for (let c = -1; c < o.optionCount; c++) {
          const idx = c === -1 ? o.optionCount : c;
          same(`item ${o.item} option ${c} ${level} ${u}`, shares.shares[u * W + idx], byChoice.get(c) ?? 0);
        }
      }
    }
    const got = await rows(`SELECT * FROM options_by_total WHERE subject = ${subject} AND item = ${o.item}`);
    for (const g of got) {
      const c = Number(g.choice);
      const idx = c === -1 ? o.optionCount : c;
      same(`item ${o.item} option ${c} upper 27%`, o.byTotal.upper[idx], g.upper);
      same(`item ${o.item} option ${c} lower 27%`, o.byTotal.lower[idx], g.lower);
    }
  }
  const grouping: Record<string, number> = { county: 7, school: 3, class: 5, studentRow: 6 };
  for (const [kind, tables] of [
    ['kp', paper.knowledge],
    ['ability', paper.ability],
  ] as const) {
    for (const t of tables) {
      for (const u of pick(t.count)) {
        const unit = t.level === 'studentRow' ? paper.studentRows[u] : u;
        const r = await rows(
          `SELECT tag, rate FROM tags WHERE subject = ${subject} AND tag_kind = '${kind}' AND g = ${grouping[t.level]} AND unit = ${unit}`,
        );
        for (const g of r)
          same(`${kind} ${Number(g.tag)} ${t.level} ${u}`, t.rates[u * t.tagCount + Number(g.tag)], g.rate);
        if (r.length !== t.tagCount)
          throw new Error(`exams bench: ${kind} ${t.level} ${u} has ${r.length} tags in DuckDB`);
      }
    }
  }

  // 有效分, 上线, 全科, 贡献率
  for (const [li, e] of ours.effective.entries()) {
    const w = await one(`SELECT * FROM eff_window WHERE line = ${e.line}`);
    same(`总分 line ${e.line} window`, e.window, w.window);
    const effs = await rows(`SELECT * FROM effective WHERE line_no = ${Number(w.line_no)} ORDER BY subject`);
    data.totalSubjects.forEach((s, j) => {
      const r = effs.find((x) => Number(x.subject) === s);
      same(`有效分 ${data.subjects[s].name} at ${e.line}`, e.effective[j], r?.effective);
    });
    for (const lv of e.levels) {
      const count = lv.totalOnLine.length;
      for (const u of pick(count)) {
        for (const j of [0, S - 1]) {
          const r = await one(
            `SELECT * FROM line_hits WHERE line_no = ${Number(w.line_no)} AND subject = ${data.totalSubjects[j]} AND level = '${lv.level}' AND unit = ${u}`,
          );
          const label = `line ${li} ${lv.level} ${u} subject ${j}`;
          same(`${label} 总分上线`, lv.totalOnLine[u], r.total_on_line ?? 0);
          same(`${label} 单上线`, lv.subjects[j].single[u], r.single ?? 0);
          same(`${label} 双上线`, lv.subjects[j].double[u], r.double ?? 0);
        }
      }
    }
  }
  for (const a of ours.allSubjects) {
    for (const u of pick(a.n.length)) {
      const r = await one(`SELECT * FROM all_subjects WHERE level = '${a.level}' AND unit = ${u}`);
      same(`全科 n ${a.level} ${u}`, a.n[u], r.n ?? 0);
      same(`全科及格率 ${a.level} ${u}`, a.pass[u], r.pass);
      same(`全科优秀率 ${a.level} ${u}`, a.excellent[u], r.excellent);
    }
  }
  for (const c of ours.contribution) {
    for (const u of pick(c.shares[0].length)) {
      const r = await rows(`SELECT * FROM contribution WHERE level = '${c.level}' AND unit = ${u} ORDER BY subject`);
      data.totalSubjects.forEach((s, j) => {
        const x = r.find((y) => Number(y.subject) === s);
        same(`贡献率 ${c.level} ${u} ${s}`, c.shares[j][u], x?.share);
        same(`离差 ${c.level} ${u} ${s}`, c.difference[j][u], x?.difference);
      });
    }
  }
  return compared;
}
