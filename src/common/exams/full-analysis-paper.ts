/**
 * Item-level analysis of one subject's paper for the full analysis: the engine's itemAnalysis run on the county and on
 * each school's and class's block of students (so D, corrected r and α are those of the unit's own students), item P
 * for every level (itemDifficultyByGroup), option shares (optionShares, optionSharesByTotal) and knowledge-point /
 * ability-level 得分率 (tagRates). Rows = students who sat, ordered by school then class (full-analysis-levels.ts).
 */

import type { Level, SchoolClassOrder } from './full-analysis-levels.js';
import type { PaperAnalysis, PaperData, UnitItemTable, UnitTagTable } from './full-analysis-types.js';
import { type ItemAnalysis, itemAnalysis, itemDifficultyByGroup } from './items.js';
import { optionShares, optionSharesByTotal, tagRates } from './options.js';

const nullIfNaN = (x: number) => (Number.isNaN(x) ? null : x);

/** Unit blocks over the sat rows: unit u holds rows [from[u], to[u]). */
interface Blocks {
  key: string;
  count: number;
  from: Int32Array;
  to: Int32Array;
}

function emptyItemTable(key: string, U: number, k: number): UnitItemTable {
  return {
    level: key,
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
}

/** Copies one unit's itemAnalysis into row u of a unit item table. */
function fillRow(t: UnitItemTable, u: number, a: ItemAnalysis) {
  const k = t.k;
  t.n[u] = a.n;
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

function itemTable(matrix: Float64Array, k: number, fullMarks: Float64Array, blocks: Blocks): UnitItemTable {
  const t = emptyItemTable(blocks.key, blocks.count, k);
  for (let u = 0; u < blocks.count; u++) {
    const from = blocks.from[u];
    const n = blocks.to[u] - from;
    if (n > 0) fillRow(t, u, itemAnalysis(matrix.subarray(from * k, (from + n) * k), n, fullMarks));
  }
  return t;
}

/**
 * Tag 得分率 of the units of an item table without another pass over the students: tagRates over a matrix with ONE row
 * per unit that has students, holding the unit's item means — Σ means of the tag's items / tag full marks equals
 * Σ scores / (n · tag full marks).
 */
function tagTableFromItems(
  t: UnitItemTable,
  fullMarks: Float64Array,
  tags: Int32Array,
  tagCount: number,
): UnitTagTable {
  const k = t.k;
  let rows = 0;
  for (let u = 0; u < t.count; u++) if (t.n[u] > 0) rows++;
  const means = new Float64Array(rows * k);
  const ids = new Int32Array(rows);
  let r = 0;
  for (let u = 0; u < t.count; u++) {
    if (t.n[u] === 0) continue;
    ids[r] = u;
    for (let j = 0; j < k; j++) means[r * k + j] = (t.p[u * k + j] as number) * fullMarks[j];
    r++;
  }
  const out = tagRates(means, rows, fullMarks, tags, tagCount, ids, t.count);
  return { level: t.level, count: t.count, tagCount, rates: Array.from(out.rates, nullIfNaN) };
}

/** Tag 得分率 of the county, schools, classes (from their item tables) and of every student row (one pass). */
function tagTables(
  matrix: Float64Array,
  n: number,
  fullMarks: Float64Array,
  tags: Int32Array,
  tagCount: number,
  tables: UnitItemTable[],
): UnitTagTable[] {
  const rowIds = new Int32Array(n);
  for (let r = 0; r < n; r++) rowIds[r] = r;
  const perRow = tagRates(matrix, n, fullMarks, tags, tagCount, rowIds, n);
  return [
    ...tables.map((t) => tagTableFromItems(t, fullMarks, tags, tagCount)),
    { level: 'studentRow', count: n, tagCount, rates: Array.from(perRow.rates, nullIfNaN) },
  ];
}

/**
 * The paper analysis of a subject: rows are the students whose subject score is not NaN (they sat); students who did
 * not sit are left out of every item statistic, like everywhere else.
 */
export function paperAnalysis(
  paper: PaperData,
  scores: Float64Array,
  order: SchoolClassOrder,
  levels: Level[],
  classSchool: Int32Array,
): PaperAnalysis {
  const k = paper.fullMarks.length;
  const C = order.classStart.length;
  const S = order.schoolStart.length - 1;
  // rows of the students who sat, school by school and class by class (class c: rows classFrom[c]..classTo[c])
  const classFrom = new Int32Array(C);
  const classTo = new Int32Array(C);
  let n = 0;
  for (let c = 0; c < C; c++) {
    const from = order.classStart[c];
    const to = from + order.classSize[c];
    for (let p = from; p < to; p++) if (!Number.isNaN(scores[order.order[p]])) n++;
  }
  const studentRows = new Int32Array(n);
  const rowClass = new Int32Array(n);
  const rowSchool = new Int32Array(n);
  // classes in block order (school by school), so that school blocks stay contiguous too
  const classesInOrder = new Int32Array(C);
  for (let c = 0; c < C; c++) classesInOrder[c] = c;
  classesInOrder.sort((a, b) => order.classStart[a] - order.classStart[b]);
  let r = 0;
  for (const c of classesInOrder) {
    classFrom[c] = r;
    const from = order.classStart[c];
    const to = from + order.classSize[c];
    for (let p = from; p < to; p++) {
      const i = order.order[p];
      if (Number.isNaN(scores[i])) continue;
      studentRows[r] = i;
      rowClass[r] = c;
      rowSchool[r] = classSchool[c];
      r++;
    }
    classTo[c] = r;
  }
  const matrix = new Float64Array(n * k);
  for (let row = 0; row < n; row++) {
    const src = studentRows[row] * k;
    const dst = row * k;
    for (let j = 0; j < k; j++) matrix[dst + j] = paper.matrix[src + j];
  }
  const schoolRowStart = new Int32Array(S + 1);
  for (let r = 0; r < n; r++) schoolRowStart[rowSchool[r] + 1]++;
  for (let s = 0; s < S; s++) schoolRowStart[s + 1] += schoolRowStart[s];

  const countyItems = itemAnalysis(matrix, n, paper.fullMarks);
  const county = emptyItemTable('county', 1, k);
  fillRow(county, 0, countyItems);
  const school = itemTable(matrix, k, paper.fullMarks, {
    key: 'school',
    count: S,
    from: schoolRowStart.subarray(0, S),
    to: schoolRowStart.subarray(1),
  });
  const byClass = itemTable(matrix, k, paper.fullMarks, {
    key: 'class',
    count: C,
    from: classFrom,
    to: classTo,
  });

  // item P for every level (ids −1 → an extra group, dropped); county, school and class are in their tables
  const tables = [county, school, byClass];
  const pByLevel = levels.map((level) => {
    const done = tables.find((t) => t.level === level.key);
    if (done) return { level: level.key, count: level.count, p: done.p };
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

  const knowledge =
    paper.knowledge && paper.knowledgeCount
      ? tagTables(matrix, n, paper.fullMarks, paper.knowledge, paper.knowledgeCount, tables)
      : [];
  const ability =
    paper.ability && paper.abilityCount
      ? tagTables(matrix, n, paper.fullMarks, paper.ability, paper.abilityCount, tables)
      : [];
  return { k, studentRows, tables, pByLevel, flags, options, knowledge, ability };
}
