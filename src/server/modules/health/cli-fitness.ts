/**
 * `npm run cli -- fitness-score --input FILE [--json]`: scores a file of physical fitness test results by the
 * national standard (国家学生体质健康标准, 2014 revision; issue "Student health", CLI section) with the pure engine of
 * `src/common/health`.
 *
 * Input: CSV (UTF-8/GBK) or xlsx, read with `readTable`. Columns 学籍号, 年级 (一年级 … 六年级, 初一/七年级 … 初三/九年级,
 * 高一 … 高三, 大一 … 大四), 性别 (男/女), 身高 (cm), 体重 (kg), and the items that apply: 肺活量, 50米跑, 坐位体前屈,
 * 一分钟跳绳, 一分钟仰卧起坐, 50米×8往返跑, 立定跳远, 引体向上, 1000米跑, 800米跑 (a unit in brackets after a header is
 * ignored: 身高(cm)). Optional 免测 column (是/否). Times as seconds or 分'秒" (3'17"). Other columns (姓名, 班级, …)
 * are ignored with a note on stderr.
 *
 * Output (`--json`): a JSON array, per valid student `{ studentNo, bmi, bmiCategory, items: { <item>: { value, score } },
 * standardScore, bonus, total, grade }` (item keys as the column headers above; times in seconds), plus `notes` when
 * something could not be scored (免测, a missing standard cell, a conflicting cell used). Without `--json`, one text line
 * per student. Each invalid row is reported on stderr with its row number; the valid rows are still printed, and the
 * exit code is 1 when any row is invalid (2 for bad usage or an unreadable file).
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type FitnessResult,
  ITEM_KEYS,
  type ItemKey,
  parseItemCell,
  type StudentInput,
  scoreStudent,
  validateStudent,
} from '../../../common/health/fitness.js';
import { ITEM_INFO } from '../../../common/health/ranges.js';
import { parseNumber } from '../../../common/health/time.js';
import { cleanCell, normalizeHeader } from '../../../common/tabular/text.js';
import { parseCliArgs } from '../../platform/cli-args.js';
import { readTable, TabularError } from '../../platform/tabular/read.js';

const USAGE = 'usage: npm run cli -- fitness-score --input FILE [--json]';

/** Output streams (the command writes to the process's; tests pass their own). */
export interface FitnessIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** One student as printed. */
export interface FitnessJson {
  studentNo: string;
  bmi: number | null;
  bmiCategory: string | null;
  items: Record<string, { value: number; score: number | null }>;
  standardScore: number | null;
  bonus: number | null;
  total: number | null;
  grade: string | null;
  notes?: string[];
}

type Field = 'studentNo' | 'grade' | 'sex' | 'height' | 'weight' | 'exempt' | ItemKey;

/** A header in compared form: normalized, a trailing unit in brackets dropped, ×/x/* unified. */
function headerKey(text: string): string {
  return normalizeHeader(text)
    .replace(/\([^)]*\)$/, '')
    .replace(/[x*]/g, '×');
}

const HEADERS = new Map<string, Field>();
for (const [field, names] of [
  ['studentNo', ['学籍号', '学号']],
  ['grade', ['年级']],
  ['sex', ['性别']],
  ['height', ['身高']],
  ['weight', ['体重']],
  ['exempt', ['免测', '是否免测']],
] as [Field, string[]][]) {
  for (const n of names) HEADERS.set(headerKey(n), field);
}
for (const k of ITEM_KEYS) for (const n of [ITEM_INFO[k].cn, ...ITEM_INFO[k].aliases]) HEADERS.set(headerKey(n), k);

/** 免测 cell: 是/Y/√/1/免测 → true; empty/否/N/0 → false; anything else null. */
function parseExempt(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['', '否', 'n', 'no', '0', 'false'].includes(t)) return false;
  if (['是', 'y', 'yes', '1', 'true', '√', '免测'].includes(t)) return true;
  return null;
}

/** The printed form of a result: items keyed by their Chinese name. */
function toJson(studentNo: string, r: FitnessResult): FitnessJson {
  const items: FitnessJson['items'] = {};
  for (const k of ITEM_KEYS) {
    const it = r.items[k];
    if (it) items[ITEM_INFO[k].cn] = { value: it.value, score: it.score };
  }
  const json: FitnessJson = {
    studentNo,
    bmi: r.bmi,
    bmiCategory: r.bmiCategory,
    items,
    standardScore: r.standardScore,
    bonus: r.bonus,
    total: r.total,
    grade: r.grade,
  };
  if (r.notes.length > 0) json.notes = r.notes;
  return json;
}

/** Runs the command with the given output streams; returns the exit code (0 ok, 1 invalid rows, 2 usage/file). */
export async function runFitnessScore(args: string[], io: FitnessIo): Promise<number> {
  let opts: Map<string, string>;
  try {
    opts = parseCliArgs(args);
  } catch (e) {
    io.err((e as Error).message);
    io.err(USAGE);
    return 2;
  }
  const unknown = [...opts.keys()].filter((k) => k !== 'input' && k !== 'json');
  const input = opts.get('input');
  if (unknown.length > 0 || !input) {
    if (unknown.length > 0) io.err(`未知参数：${unknown.map((k) => `--${k}`).join(' ')}`);
    io.err(USAGE);
    return 2;
  }
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(await readFile(input), path.basename(input));
  } catch (e) {
    if (e instanceof TabularError || (e as NodeJS.ErrnoException).code) {
      io.err(`无法读取文件：${(e as Error).message}`);
      return 2;
    }
    throw e;
  }

  const columns = new Map<Field, number>();
  const ignored: string[] = [];
  const headerProblems: string[] = [];
  table.headers.forEach((h, i) => {
    const field = HEADERS.get(headerKey(h));
    if (!field) {
      if (h !== '') ignored.push(h);
    } else if (columns.has(field)) headerProblems.push(`列“${h}”重复`);
    else columns.set(field, i);
  });
  for (const [field, name] of [
    ['studentNo', '学籍号'],
    ['grade', '年级'],
    ['sex', '性别'],
    ['height', '身高'],
    ['weight', '体重'],
  ] as [Field, string][]) {
    if (!columns.has(field)) headerProblems.push(`缺少“${name}”列`);
  }
  if (headerProblems.length > 0) {
    for (const p of headerProblems) io.err(p);
    return 2;
  }
  if (ignored.length > 0) io.err(`忽略未识别的列：${ignored.join('、')}`);

  const results: FitnessJson[] = [];
  const seen = new Map<string, number>();
  let invalid = 0;
  for (const row of table.rows) {
    const cell = (f: Field): string => {
      const i = columns.get(f);
      return i === undefined ? '' : cleanCell(row.cells[i] ?? '');
    };
    const problems: string[] = [];
    const studentNo = cell('studentNo');
    if (studentNo === '') problems.push('缺少学籍号');
    else if (seen.has(studentNo)) problems.push(`学籍号 ${studentNo} 与第 ${seen.get(studentNo)} 行重复`);
    else seen.set(studentNo, row.rowNumber);
    const body = (f: 'height' | 'weight', label: string): number | null => {
      const t = cell(f);
      if (t === '') return null;
      const v = parseNumber(t);
      if (v === null) problems.push(`${label}“${t}”不是数字`);
      return v;
    };
    const exempt = parseExempt(cell('exempt'));
    if (exempt === null) problems.push(`免测“${cell('exempt')}”无法识别（填 是 或 否）`);
    const student: StudentInput = {
      grade: cell('grade'),
      sex: cell('sex'),
      heightCm: body('height', '身高'),
      weightKg: body('weight', '体重'),
      items: {},
      exempt: exempt === true,
    };
    for (const k of ITEM_KEYS) {
      if (!columns.has(k)) continue;
      const parsed = parseItemCell(k, cell(k));
      if ('problem' in parsed) problems.push(parsed.problem);
      else if (parsed.value !== null) student.items[k] = parsed.value;
    }
    if (problems.length === 0) problems.push(...validateStudent(student));
    if (problems.length > 0) {
      invalid++;
      io.err(`第 ${row.rowNumber} 行${studentNo ? `（学籍号 ${studentNo}）` : ''}：${problems.join('；')}`);
      continue;
    }
    results.push(toJson(studentNo, scoreStudent(student)));
  }

  if (opts.has('json')) io.out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      const items = Object.entries(r.items)
        .map(([name, i]) => `${name} ${i.value}→${i.score ?? '无标准值'}`)
        .join('，');
      io.out(
        `${r.studentNo}：BMI ${r.bmi ?? '—'} ${r.bmiCategory ?? ''}，${items}；标准分 ${r.standardScore ?? '—'}，` +
          `附加分 ${r.bonus ?? '—'}，学年总分 ${r.total ?? '—'}，等级 ${r.grade ?? '—'}`,
      );
    }
  }
  if (invalid > 0) io.err(`共 ${table.rows.length} 行，${invalid} 行有错误未计分`);
  return invalid > 0 ? 1 : 0;
}

/** The `fitness-score` command; returns the exit code (0 ok, 1 invalid rows, 2 bad usage or unreadable file). */
export async function fitnessScoreCommand(args: string[]): Promise<number> {
  return runFitnessScore(args, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
