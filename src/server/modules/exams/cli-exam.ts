/**
 * `npm run cli -- exam-analyze --scores FILE --paper FILE [--excellent 0.85 --pass 0.6 --low 0.4] [--json]`:
 * the offline exam analysis (issue "Exam quality monitoring", CLI section) over the pure engine of
 * `src/common/exams`.
 *
 * Scores: columns 学籍号, 学校, 班级, optional 科目, then one column per 题号 of the paper and/or a 总分 column (one
 * row per student and subject). Paper: columns 题号, 满分, optional 知识点, optional 科目 (items of that subject; without
 * it the paper applies to every subject). Files are CSV (UTF-8/GBK) or xlsx, read with `readTable`.
 * - A cell 缺考/作弊/免考 (in any score cell of the row) excludes the student from every denominator.
 * - A blank item cell of a student who sat counts as 0; a row with no score at all and no marker is an error.
 * - Full-width digits (９０) and decimal commas (85,5) are accepted.
 * - Every error (unknown column, bad number, negative or above full marks, items not summing to 总分, duplicate
 *   student, a student in two classes) is listed; nothing is printed as a result when there is one (exit code 1).
 *
 * Output (`--json`): { subjects: { <科目, or 总分 without a 科目 column>: { n, mean, sd, excellentRate, passRate,
 * lowRate, alpha, sem, items: [{ item, fullMarks, mean, difficulty, discrimination, upperLowerD }] } },
 * schools: [{ school, subject, n, mean, excellentRate, passRate, lowRate, rank }], classes: [same with class] }.
 * `sd` is the sample SD; rates are fractions of the students who sat, ≥ line for 优秀/及格 and < line for 低分, lines
 * as fractions of the subject's full marks (Σ item full marks); `difficulty` = P = mean/full marks; `discrimination`
 * = corrected item–total correlation; `upperLowerD` = Kelley 27% D (ties at a cut shared by weight). `rank` is the
 * competition rank (1, 2, 2, 4) of the mean within the subject — classes are ranked among all classes of the
 * subject. Undefined values are null. Nothing is rounded.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sortedScores } from '../../../common/exams/descriptives.js';
import { groupSummaries } from '../../../common/exams/groups.js';
import { itemAnalysis } from '../../../common/exams/items.js';
import { rankValues } from '../../../common/exams/ranks.js';
import { type RateThresholds, resolveCuts } from '../../../common/exams/rates.js';
import { parseNumberText } from '../../../common/tabular/numbers.js';
import { cleanCell, normalizeHeader, toHalfWidth } from '../../../common/tabular/text.js';
import type { Table } from '../../../common/tabular/types.js';
import { parseCliArgs } from '../../platform/cli-args.js';
import { readTable, TabularError } from '../../platform/tabular/read.js';

/** Lines of the analysis, as fractions of full marks. */
export interface ExamAnalyzeOptions {
  excellent: number;
  pass: number;
  low: number;
}

export interface ItemJson {
  item: string;
  fullMarks: number;
  mean: number | null;
  difficulty: number | null;
  discrimination: number | null;
  upperLowerD: number | null;
}

export interface SubjectJson {
  n: number;
  mean: number | null;
  sd: number | null;
  excellentRate: number | null;
  passRate: number | null;
  lowRate: number | null;
  alpha: number | null;
  sem: number | null;
  items: ItemJson[];
}

export interface UnitJson {
  school: string;
  class?: string;
  subject: string;
  n: number;
  mean: number | null;
  excellentRate: number | null;
  passRate: number | null;
  lowRate: number | null;
  rank: number | null;
}

export interface ExamAnalysisJson {
  subjects: Record<string, SubjectJson>;
  schools: UnitJson[];
  classes: UnitJson[];
}

/** The result, or every error found (each naming the file, row and column). */
export type ExamAnalyzeResult = { ok: true; result: ExamAnalysisJson } | { ok: false; errors: string[] };

const ABSENT = /缺考|作弊|免考/;
const TOTAL_SUBJECT = '总分';

type Cell = { kind: 'blank' } | { kind: 'absent' } | { kind: 'value'; value: number } | { kind: 'invalid' };

/** A score cell: blank, a 缺考/作弊/免考 marker, or a number (full-width digits and a decimal comma accepted). */
export function parseScoreCell(raw: string): Cell {
  let text = cleanCell(toHalfWidth(raw ?? ''));
  if (text === '') return { kind: 'blank' };
  if (ABSENT.test(text)) return { kind: 'absent' };
  if (/^[+-]?\d+[,，]\d{1,2}$/.test(text)) text = text.replace(/[,，]/, '.');
  const value = parseNumberText(text, false);
  return value === null ? { kind: 'invalid' } : { kind: 'value', value };
}

interface PaperItem {
  item: string;
  key: string;
  fullMarks: number;
}

/** Reads the paper: items per subject ('' = every subject), with errors. */
function readPaper(paper: Table, errors: string[]): Map<string, PaperItem[]> {
  const col = (name: string) => paper.headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
  const iItem = col('题号');
  const iFull = col('满分');
  const iSubject = col('科目');
  const out = new Map<string, PaperItem[]>();
  if (iItem < 0 || iFull < 0) {
    errors.push(`试卷文件缺少列：${[iItem < 0 ? '题号' : '', iFull < 0 ? '满分' : ''].filter(Boolean).join('、')}`);
    return out;
  }
  for (const row of paper.rows) {
    const item = cleanCell(row.cells[iItem] ?? '');
    const subject = iSubject >= 0 ? cleanCell(row.cells[iSubject] ?? '') : '';
    if (item === '') {
      errors.push(`试卷第 ${row.rowNumber} 行：题号为空`);
      continue;
    }
    const full = parseScoreCell(row.cells[iFull] ?? '');
    if (full.kind !== 'value' || !(full.value > 0)) {
      errors.push(`试卷第 ${row.rowNumber} 行：题号 ${item} 的满分“${row.cells[iFull] ?? ''}”不是正数`);
      continue;
    }
    const list = out.get(subject) ?? [];
    const key = normalizeHeader(item);
    if (list.some((p) => p.key === key)) {
      errors.push(`试卷第 ${row.rowNumber} 行：题号 ${item} 重复`);
      continue;
    }
    list.push({ item, key, fullMarks: full.value });
    out.set(subject, list);
  }
  if (out.size === 0 && errors.length === 0) errors.push('试卷文件没有小题');
  return out;
}

/** The students of one subject, before analysis. */
interface SubjectRows {
  items: PaperItem[];
  /** Score column of every item (-1: the scores file has no such column). */
  itemCols: number[];
  school: string[];
  klass: string[];
  /** Totals, NaN for a student who did not sit. */
  totals: number[];
  /** Item scores of the students who sat, row-major. */
  matrix: number[];
}

/**
 * The analysis of tables already read (the pure part of the command): validates everything, then runs the engine
 * per subject, per school and per class.
 */
export function analyzeExamTables(scores: Table, paper: Table, opts: ExamAnalyzeOptions): ExamAnalyzeResult {
  const errors: string[] = [];
  const papers = readPaper(paper, errors);
  const header = scores.headers.map((h) => normalizeHeader(h));
  const col = (name: string) => header.indexOf(normalizeHeader(name));
  const iId = col('学籍号');
  const iSchool = col('学校');
  const iClass = col('班级');
  const iSubject = col('科目');
  const iTotal = col('总分');
  const missing = [iId < 0 ? '学籍号' : '', iSchool < 0 ? '学校' : '', iClass < 0 ? '班级' : ''].filter(Boolean);
  if (missing.length) errors.push(`成绩文件缺少列：${missing.join('、')}`);
  if (errors.length) return { ok: false, errors };

  const subjects = new Map<string, SubjectRows>();
  const seen = new Set<string>();
  const classOf = new Map<string, string>();
  const where = (row: number, column: string) => `成绩第 ${row} 行“${column}”列`;
  for (const row of scores.rows) {
    const cell = (i: number) => cleanCell(row.cells[i] ?? '');
    const id = cell(iId);
    const school = cell(iSchool);
    const klass = cell(iClass);
    const subject = iSubject >= 0 ? cell(iSubject) : TOTAL_SUBJECT;
    if (!id || !school || !klass || !subject) {
      errors.push(`成绩第 ${row.rowNumber} 行：学籍号、学校、班级${iSubject >= 0 ? '、科目' : ''}不能为空`);
      continue;
    }
    if (seen.has(`${subject}\u0000${id}`)) {
      errors.push(`成绩第 ${row.rowNumber} 行：学籍号 ${id} 在科目 ${subject} 中重复`);
      continue;
    }
    seen.add(`${subject}\u0000${id}`);
    const unit = `${school}\u0000${klass}`;
    const before = classOf.get(id);
    if (before !== undefined && before !== unit) {
      errors.push(
        `成绩第 ${row.rowNumber} 行：学籍号 ${id} 出现在两个班级（${before.replace('\u0000', ' ')}、${school} ${klass}）`,
      );
      continue;
    }
    classOf.set(id, unit);

    let rows = subjects.get(subject);
    if (!rows) {
      const items = papers.get(subject) ?? papers.get('') ?? [];
      if (items.length === 0) {
        errors.push(`成绩第 ${row.rowNumber} 行：试卷中没有科目 ${subject} 的小题`);
        continue;
      }
      const itemCols = items.map((p) => header.indexOf(p.key));
      if (itemCols.every((c) => c < 0) && iTotal < 0) {
        errors.push(`成绩文件既没有 ${subject} 的小题列（${items.map((p) => p.item).join('、')}），也没有“总分”列`);
        return { ok: false, errors };
      }
      rows = { items, itemCols, school: [], klass: [], totals: [], matrix: [] };
      subjects.set(subject, rows);
    }
    const hasItems = rows.itemCols.some((c) => c >= 0);
    let absent = false;
    let anyValue = false;
    let bad = false;
    const values: number[] = [];
    rows.items.forEach((p, j) => {
      const c = rows.itemCols[j];
      if (c < 0) {
        values.push(0);
        return;
      }
      const v = parseScoreCell(row.cells[c] ?? '');
      if (v.kind === 'absent') absent = true;
      else if (v.kind === 'invalid') {
        errors.push(`${where(row.rowNumber, scores.headers[c])}：“${row.cells[c]}”不是分数`);
        bad = true;
      } else if (v.kind === 'value') {
        anyValue = true;
        if (v.value < 0 || v.value > p.fullMarks) {
          errors.push(`${where(row.rowNumber, scores.headers[c])}：${v.value} 不在 0–${p.fullMarks} 之间`);
          bad = true;
        }
      }
      values.push(v.kind === 'value' ? v.value : 0);
    });
    const fullMarks = rows.items.reduce((s, p) => s + p.fullMarks, 0);
    let total: number | null = null;
    if (iTotal >= 0) {
      const t = parseScoreCell(row.cells[iTotal] ?? '');
      if (t.kind === 'absent') absent = true;
      else if (t.kind === 'invalid') {
        errors.push(`${where(row.rowNumber, scores.headers[iTotal])}：“${row.cells[iTotal]}”不是分数`);
        bad = true;
      } else if (t.kind === 'value') {
        total = t.value;
        if (t.value < 0 || t.value > fullMarks) {
          errors.push(`${where(row.rowNumber, scores.headers[iTotal])}：${t.value} 不在 0–${fullMarks} 之间`);
          bad = true;
        }
      }
    }
    if (bad) continue;
    let score = Number.NaN; // NaN: did not sit
    if (!absent) {
      if (!anyValue && total === null) {
        errors.push(`成绩第 ${row.rowNumber} 行：学籍号 ${id} 没有任何分数，也没有标记缺考/作弊/免考`);
        continue;
      }
      const sum = values.reduce((s, x) => s + x, 0);
      if (hasItems && total !== null && Math.abs(sum - total) > 1e-9) {
        errors.push(`成绩第 ${row.rowNumber} 行：小题分之和 ${Number(sum.toPrecision(12))} 与总分 ${total} 不符`);
        continue;
      }
      score = hasItems ? sum : (total as number);
      if (hasItems) rows.matrix.push(...values);
    }
    rows.school.push(school);
    rows.klass.push(klass);
    rows.totals.push(score);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, result: analyze(subjects, opts) };
}

/** Runs the engine over validated rows. */
function analyze(subjects: Map<string, SubjectRows>, opts: ExamAnalyzeOptions): ExamAnalysisJson {
  const thresholds: RateThresholds = {
    excellent: { kind: 'fraction', value: opts.excellent },
    pass: { kind: 'fraction', value: opts.pass },
    low: { kind: 'fraction', value: opts.low },
  };
  const out: ExamAnalysisJson = { subjects: {}, schools: [], classes: [] };
  for (const [subject, rows] of subjects) {
    const fullMarks = rows.items.reduce((s, p) => s + p.fullMarks, 0);
    const totals = Float64Array.from(rows.totals);
    const sorted = sortedScores(totals);
    const cuts = resolveCuts(thresholds, fullMarks, sorted);
    const all = groupSummaries(totals, new Int32Array(totals.length), 1, fullMarks, cuts)[0];
    const hasItems = rows.itemCols.some((c) => c >= 0);
    const ia = hasItems
      ? itemAnalysis(
          Float64Array.from(rows.matrix),
          sorted.length,
          rows.items.map((p) => p.fullMarks),
        )
      : null;
    out.subjects[subject] = {
      n: all.n,
      mean: all.mean,
      sd: all.sd,
      excellentRate: all.excellentRate,
      passRate: all.passRate,
      lowRate: all.lowRate,
      alpha: ia?.alpha ?? null,
      sem: ia?.sem ?? null,
      items: ia
        ? ia.items.map((s, j) => ({
            item: rows.items[j].item,
            fullMarks: s.fullMarks,
            mean: s.mean,
            difficulty: s.difficulty,
            discrimination: s.discrimination,
            upperLowerD: s.upperLowerD,
          }))
        : [],
    };
    out.schools.push(...units(subject, totals, rows.school, null, fullMarks, cuts));
    out.classes.push(...units(subject, totals, rows.school, rows.klass, fullMarks, cuts));
  }
  return out;
}

/** Per-unit rows (schools, or classes within schools) of one subject, ranked by mean, best first. */
function units(
  subject: string,
  totals: Float64Array,
  school: string[],
  klass: string[] | null,
  fullMarks: number,
  cuts: ReturnType<typeof resolveCuts>,
): UnitJson[] {
  const ids = new Map<string, number>();
  const groups = new Int32Array(totals.length);
  for (let i = 0; i < totals.length; i++) {
    const key = klass ? `${school[i]}\u0000${klass[i]}` : school[i];
    let g = ids.get(key);
    if (g === undefined) {
      g = ids.size;
      ids.set(key, g);
    }
    groups[i] = g;
  }
  const keys = [...ids.keys()];
  const sums = groupSummaries(totals, groups, keys.length, fullMarks, cuts);
  const ranks = rankValues(sums.map((s) => s.mean));
  const rows = sums.map((s, g): UnitJson => {
    const [schoolName, className] = keys[g].split('\u0000');
    return {
      school: schoolName,
      ...(klass ? { class: className } : {}),
      subject,
      n: s.n,
      mean: s.mean,
      excellentRate: s.excellentRate,
      passRate: s.passRate,
      lowRate: s.lowRate,
      rank: ranks[g],
    };
  });
  return rows.sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY));
}

const USAGE =
  'usage: npm run cli -- exam-analyze --scores FILE --paper FILE [--excellent 0.85 --pass 0.6 --low 0.4] [--json]';

/** The `exam-analyze` command; returns the exit code (0 ok, 1 invalid data, 2 bad usage). */
export async function examAnalyzeCommand(args: string[]): Promise<number> {
  let opts: Map<string, string>;
  try {
    opts = parseCliArgs(args);
  } catch (e) {
    console.error((e as Error).message);
    console.error(USAGE);
    return 2;
  }
  const known = new Set(['scores', 'paper', 'excellent', 'pass', 'low', 'json']);
  const unknown = [...opts.keys()].filter((k) => !known.has(k));
  const scoresFile = opts.get('scores');
  const paperFile = opts.get('paper');
  if (unknown.length || !scoresFile || !paperFile) {
    if (unknown.length) console.error(`未知参数：${unknown.map((k) => `--${k}`).join(' ')}`);
    console.error(USAGE);
    return 2;
  }
  const line = (name: string, fallback: number): number | null => {
    const raw = opts.get(name);
    if (raw === undefined) return fallback;
    const v = parseNumberText(raw, true);
    return v !== null && v >= 0 && v <= 1 ? v : null;
  };
  const excellent = line('excellent', 0.85);
  const pass = line('pass', 0.6);
  const low = line('low', 0.4);
  if (excellent === null || pass === null || low === null) {
    console.error('--excellent、--pass、--low 须为 0 到 1 之间的满分比例，如 0.85');
    return 2;
  }
  let scores: Table;
  let paper: Table;
  try {
    scores = await readTable(await readFile(scoresFile), path.basename(scoresFile));
    paper = await readTable(await readFile(paperFile), path.basename(paperFile));
  } catch (e) {
    if (e instanceof TabularError || (e as NodeJS.ErrnoException).code) {
      console.error(`无法读取文件：${(e as Error).message}`);
      return 1;
    }
    throw e;
  }
  const res = analyzeExamTables(scores, paper, { excellent, pass, low });
  if (!res.ok) {
    for (const err of res.errors) console.error(err);
    console.error(`共 ${res.errors.length} 处错误，未输出分析结果`);
    return 1;
  }
  if (opts.has('json')) {
    console.log(JSON.stringify(res.result, null, 2));
    return 0;
  }
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const num = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  for (const [subject, s] of Object.entries(res.result.subjects)) {
    console.log(
      `${subject}: 实考 ${s.n}, 平均分 ${num(s.mean)}, 标准差(样本) ${num(s.sd)}, 优秀率 ${pct(s.excellentRate)}, ` +
        `及格率 ${pct(s.passRate)}, 低分率 ${pct(s.lowRate)}, α ${num(s.alpha)}, SEM ${num(s.sem)}`,
    );
  }
  for (const u of res.result.schools) {
    console.log(`  ${u.subject} ${u.school}: 第 ${u.rank ?? '—'} 名, 实考 ${u.n}, 平均分 ${num(u.mean)}`);
  }
  return 0;
}
