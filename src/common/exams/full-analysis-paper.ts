/**
 * Item-level analysis of one subject's paper for the full analysis: the engine's itemAnalysis run on the county and on
 * each school's and class's block of students (so D, corrected r and α are those of the unit's own students), item P
 * for every level (itemDifficultyByGroup), option shares (optionShares, optionSharesByTotal) and knowledge-point /
 * ability-level 得分率 (tagRates). Rows = students who sat, ordered by school then class (full-analysis-levels.ts).
 */

import type { Level, SchoolClassOrder } from './full-analysis-levels.js';
import type { PaperAnalysis, PaperData, UnitItemTable, UnitTagTable } from './full-analysis-types.js';
import { itemAnalysis, itemDifficultyByGroup } from './items.js';
import { optionShares, optionSharesByTotal, tagRates } from './options.js';

const nullIfNaN = (x: number) => (Number.isNaN(x) ? null : x);

/** Unit blocks over the sat rows: unit u holds rows [from[u], to[u]). */
interface Blocks {
  key: string;
  count: number;
  from: Int32Array;
  to: Int32Array;
}

function itemTable(matrix: Float64Array, k: number, fullMarks: Float64Array, blocks: Blocks): UnitItemTable {
  const U = blocks.count;
  const t: UnitItemTable = {
    level: blocks.key,
    count: U,
    k,
    n: new Int32Array(U),
    p: new Array(U * k).fill(null),
    fullRate: new Array(U * k).fill(null),
    zeroRate: new Array(U * k).fill(null),
    d: new Array(U * k).fill(null),
    r: new Array(U * k).fill(null),
    alpha: new Array(U).fill(null),
    sem: new Array(U).fill(null),
  };
  for (let u = 0; u < U; u++) {
    const from = blocks.from[u];
    const n = blocks.to[u] - from;
    t.n[u] = n;
    if (n === 0) continue;
    const a = itemAnalysis(matrix.subarray(from * k, (from + n) * k), n, fullMarks);
    t.alpha[u] = a.alpha;
    t.sem[u] = a.sem;
    for (let j = 0; j < k; j++) {
      const s = a.items[j];
      t.p[u * k + j] = s.difficulty;
      t.fullRate[u * k + j] = s.fullRate;
      t.zeroRate[u * k + j] = s.zeroRate;
      t.d[u * k + j] = s.upperLowerD;
      t.r[u * k + j] = s.discrimination;
    }
  }
  return t;
}

function tagTables(
  matrix: Float64Array,
  n: number,
  fullMarks: Float64Array,
  tags: Int32Array,
  tagCount: number,
  groupings: { key: string; ids: Int32Array; count: number }[],
): UnitTagTable[] {
  return groupings.map((g) => {
    const r = tagRates(matrix, n, fullMarks, tags, tagCount, g.ids, g.count);
    return { level: g.key, count: g.count, tagCount, rates: Array.from(r.rates, nullIfNaN) };
  });
}

/**
 * The paper analysis of a subject: `sat[i]` says whether student i sat (score not NaN). Students who did not sit are
 * left out of every item statistic, like everywhere else.
 */
export function paperAnalysis(
  paper: PaperData,
  sat: (i: number) => boolean,
  order: SchoolClassOrder,
  levels: Level[],
  classSchool: Int32Array,
): PaperAnalysis {
  const k = paper.fullMarks.length;
  const C = order.classStart.length;
  const S = order.schoolStart.length - 1;
  // rows of the students who sat, school by school, class by class
  const rows: number[] = [];
  const classRowStart = new Int32Array(C + 1);
  let c0 = 0;
  const classesInOrder = Int32Array.from({ length: C }, (_, c) => c).sort(
    (a, b) => order.classStart[a] - order.classStart[b],
  );
  for (const c of classesInOrder) {
    classRowStart[c0] = rows.length;
    c0++;
    const from = order.classStart[c];
    for (let p = from; p < from + order.classSize[c]; p++) if (sat(order.order[p])) rows.push(order.order[p]);
  }
  classRowStart[C] = rows.length;
  const n = rows.length;
  const studentRows = Int32Array.from(rows);
  const matrix = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    const src = studentRows[r] * k;
    for (let j = 0; j < k; j++) matrix[r * k + j] = paper.matrix[src + j];
  }
  // class blocks in class-id order and school blocks: map positions back to ids
  const classStartById = new Int32Array(C + 1);
  const classEndById = new Int32Array(C);
  for (let pos = 0; pos < C; pos++) {
    classStartById[classesInOrder[pos]] = classRowStart[pos];
    classEndById[classesInOrder[pos]] = classRowStart[pos + 1];
  }
  const rowClass = new Int32Array(n);
  const rowSchool = new Int32Array(n);
  for (let c = 0; c < C; c++) {
    for (let r = classStartById[c]; r < classEndById[c]; r++) {
      rowClass[r] = c;
      rowSchool[r] = classSchool[c];
    }
  }
  const schoolRowStart = new Int32Array(S + 1);
  for (let r = 0; r < n; r++) schoolRowStart[rowSchool[r] + 1]++;
  for (let s = 0; s < S; s++) schoolRowStart[s + 1] += schoolRowStart[s];

  const countyBlock = { key: 'county', count: 1, from: Int32Array.of(0), to: Int32Array.of(n) };
  const county = itemTable(matrix, k, paper.fullMarks, countyBlock);
  const school = itemTable(matrix, k, paper.fullMarks, {
    key: 'school',
    count: S,
    from: schoolRowStart.subarray(0, S),
    to: schoolRowStart.subarray(1),
  });
  const byClass = itemTable(matrix, k, paper.fullMarks, {
    key: 'class',
    count: C,
    from: classStartById.subarray(0, C),
    to: classEndById,
  });

  // item P for every level (ids −1 → an extra group, dropped)
  const pByLevel = levels.map((level) => {
    const ids = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const u = level.ofStudent[studentRows[r]];
      ids[r] = u < 0 ? level.count : u;
    }
    const g = itemDifficultyByGroup(matrix, n, paper.fullMarks, ids, level.count + 1);
    return {
      level: level.key,
      count: level.count,
      p: Array.from(g.difficulty.subarray(0, level.count * k), nullIfNaN),
    };
  });

  const countyItems = itemAnalysis(matrix, n, paper.fullMarks);
  const flags = countyItems.items.map((s) => ({
    hard: s.flagHard,
    easy: s.flagEasy,
    lowD: s.flagLowD,
    negativeR: s.flagNegativeR,
  }));

  const options: PaperAnalysis['options'] = [];
  if (paper.options) {
    const zeros = new Int32Array(n);
    for (let j = 0; j < k; j++) {
      const oc = paper.options.optionCount[j];
      if (oc <= 0) continue;
      const key = paper.options.key[j];
      const col = new Int8Array(n);
      for (let r = 0; r < n; r++) col[r] = paper.options.chosen[studentRows[r] * k + j];
      options.push({
        item: j,
        optionCount: oc,
        key,
        county: optionShares(col, oc, key, zeros, 1),
        school: optionShares(col, oc, key, rowSchool, S),
        class: optionShares(col, oc, key, rowClass, C),
        byTotal: optionSharesByTotal(col, oc, key, countyItems.totals),
      });
    }
  }

  const studentIds = new Int32Array(n);
  for (let r = 0; r < n; r++) studentIds[r] = r;
  const tagGroupings = [
    { key: 'county', ids: new Int32Array(n), count: 1 },
    { key: 'school', ids: rowSchool, count: S },
    { key: 'class', ids: rowClass, count: C },
    { key: 'studentRow', ids: studentIds, count: n },
  ];
  const knowledge =
    paper.knowledge && paper.knowledgeCount
      ? tagTables(matrix, n, paper.fullMarks, paper.knowledge, paper.knowledgeCount, tagGroupings)
      : [];
  const ability =
    paper.ability && paper.abilityCount
      ? tagTables(matrix, n, paper.fullMarks, paper.ability, paper.abilityCount, tagGroupings)
      : [];
  return { k, studentRows, tables: [county, school, byClass], pByLevel, flags, options, knowledge, ability };
}
