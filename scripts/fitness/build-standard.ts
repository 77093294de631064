/**
 * Builds the shipped 国家学生体质健康标准（2014年修订） tables of src/common/health/standard-2014/ from the
 * cross-checked transcription in ../shared/domain/fitness (scores.csv, bmi.csv, bonus.csv, weights.csv, rules.json).
 * Run once when the transcription changes: `npx tsx scripts/fitness/build-standard.ts [SOURCE_DIR]`. The generated
 * JSON is committed; the application never reads ../shared at run time. Every cell keeps its verification status.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const sourceDir = path.resolve(process.argv[2] ?? path.join(here, '../../../shared/domain/fitness'));
const outDir = path.resolve(here, '../../src/common/health/standard-2014');

/** Rows of a simple CSV (the transcription has no quoted fields) as objects keyed by the header. */
function readCsv(name: string): Record<string, string>[] {
  const lines = readFileSync(path.join(sourceDir, name), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`${name}: ${cells.length} cells in "${line}"`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const num = (s: string): number | null => (s === '' ? null : Number(s));

// ---- scores.csv → score tables, grade → sex → item → cells (highest score first)
interface Cell {
  score: number;
  threshold: number | null;
  status: string;
  otherValues?: string;
}
interface ItemTable {
  itemCn: string;
  unit: string;
  direction: 'higher' | 'lower';
  cells: Cell[];
}
const grades: Record<
  string,
  { level: string; grade: string; M: Record<string, ItemTable>; F: Record<string, ItemTable> }
> = {};
for (const r of readCsv('scores.csv')) {
  grades[r.grade_code] ??= { level: r.level, grade: r.grade, M: {}, F: {} };
  const bySex = grades[r.grade_code][r.sex as 'M' | 'F'];
  bySex[r.item] ??= { itemCn: r.item_cn, unit: r.unit, direction: r.direction as 'higher' | 'lower', cells: [] };
  const cell: Cell = { score: Number(r.score), threshold: num(r.threshold), status: r.status };
  if (r.other_values) cell.otherValues = r.other_values;
  bySex[r.item].cells.push(cell);
}
for (const g of Object.values(grades)) {
  for (const sex of ['M', 'F'] as const) {
    for (const t of Object.values(g[sex])) t.cells.sort((a, b) => b.score - a.score);
  }
}

// ---- bmi.csv → bands per BMI group (P1..S3, U) and sex
const bmi: Record<
  string,
  Record<string, { category: string; score: number; min: number | null; max: number | null; status: string }[]>
> = {};
for (const r of readCsv('bmi.csv')) {
  bmi[r.grade_code] ??= {};
  bmi[r.grade_code][r.sex] ??= [];
  bmi[r.grade_code][r.sex].push({
    category: r.category,
    score: Number(r.score),
    min: num(r.bmi_min),
    max: num(r.bmi_max),
    status: r.status,
  });
}

// ---- bonus.csv → per sex per item: improvement over the 100-point threshold needed for each bonus point
const bonusTables: Record<string, Record<string, { points: number; improvement: number; status: string }[]>> = {
  M: {},
  F: {},
};
for (const r of readCsv('bonus.csv')) {
  bonusTables[r.sex][r.item] ??= [];
  bonusTables[r.sex][r.item].push({
    points: Number(r.bonus_points),
    improvement: Number(r.improvement_over_100_score),
    status: r.status,
  });
}
for (const sex of ['M', 'F']) {
  for (const t of Object.values(bonusTables[sex])) t.sort((a, b) => a.points - b.points);
}

// ---- weights.csv → per weight group, per sex: item → percent
const weights: Record<string, { M: Record<string, number>; F: Record<string, number> }> = {};
for (const r of readCsv('weights.csv')) {
  weights[r.group] ??= { M: {}, F: {} };
  const w = Number(r.weight_percent);
  const split = /^(\w+)\(男\)\/(\w+)\(女\)$/.exec(r.item);
  if (split) {
    weights[r.group].M[split[1]] = w;
    weights[r.group].F[split[2]] = w;
  } else {
    weights[r.group].M[r.item] = w;
    weights[r.group].F[r.item] = w;
  }
}
for (const [group, w] of Object.entries(weights)) {
  for (const sex of ['M', 'F'] as const) {
    const total = Object.values(w[sex]).reduce((a, b) => a + b, 0);
    if (total !== 100) throw new Error(`weights of ${group} ${sex} sum to ${total}, not 100`);
  }
}

// ---- rules.json → the structured rules the engine applies (each keeps the rules.json key it comes from)
const rules = JSON.parse(readFileSync(path.join(sourceDir, 'rules.json'), 'utf8'));
const bandText: Record<string, string> = rules.grade_bands_on_academic_year_total;
const bands = Object.entries(bandText)
  .filter(([k]) => k !== 'sources')
  .map(([name, text]) => {
    const ge = /^>=\s*([\d.]+)$/.exec(text);
    const range = /^([\d.]+)-([\d.]+)$/.exec(text);
    const le = /^<=\s*([\d.]+)$/.exec(text);
    if (ge) return { name, min: Number(ge[1]), max: null };
    if (range) return { name, min: Number(range[1]), max: Number(range[2]) };
    if (le) return { name, min: null, max: Number(le[1]) };
    throw new Error(`band ${name}: cannot read "${text}"`);
  });
const grad = /×\s*(\d+)%.*×\s*(\d+)%/.exec(rules.graduation_score.rule);
if (!grad) throw new Error('graduation_score.rule: cannot read the two percentages');
const capText = /max\s*(\d+)/.exec(rules.bonus.小学.rule);
if (!capText) throw new Error('bonus.小学.rule: cannot read the cap');
const weightGroupOf: Record<string, string> = {
  // rules.json test_items_by_group / weights.csv groups; grouping: "小学、初中、高中每个年级一组; 大学一、二年级一组, 三、四年级一组"
  P1: '小学一、二年级',
  P2: '小学一、二年级',
  P3: '小学三、四年级',
  P4: '小学三、四年级',
  P5: '小学五、六年级',
  P6: '小学五、六年级',
};
const structured = {
  _doc: '国家学生体质健康标准（2014年修订）, 教体艺〔2014〕5号: rules in machine form, generated by scripts/fitness/build-standard.ts from rules.json; each entry names its rules.json key. `source` keeps rules.json verbatim.',
  scoreLevels: rules.score_levels as number[],
  bmiScoring: Object.fromEntries(
    Object.entries(rules.bmi_scoring).filter(([, v]) => typeof v === 'number') as [string, number][],
  ),
  weightGroups: Object.fromEntries(
    Object.keys(grades).map((code) => [code, weightGroupOf[code] ?? '初中、高中、大学各年级']),
  ),
  weights,
  bonus: {
    totalMax: rules.bonus.total_max as number,
    primary: { items: [rules.bonus.小学.item as string], maxPerItem: Number(capText[1]) },
    secondary: {
      items: rules.bonus['初中、高中、大学'].items as { M: string[]; F: string[] },
      maxPerItem: rules.bonus['初中、高中、大学'].max_per_item as number,
    },
  },
  levelOfGrade: Object.fromEntries(Object.entries(grades).map(([code, g]) => [code, g.level])),
  gradeBands: bands,
  graduation: { finalYearPercent: Number(grad[1]), otherYearsMeanPercent: Number(grad[2]) },
  source: rules,
};

const write = (name: string, data: unknown) =>
  writeFileSync(path.join(outDir, name), `${JSON.stringify(data, null, 1)}\n`, 'utf8');
write('scores.json', {
  _doc: 'Single-item score tables by grade code → sex → item; cells from 100 down to 10 with threshold (null = missing) and status. From scores.csv.',
  grades,
});
write('bmi.json', { _doc: 'BMI bands by BMI group (P1..S3, U = 大学) → sex. From bmi.csv.', groups: bmi });
write('bonus.json', {
  _doc: 'Improvement over the 100-point threshold needed for each 附加分 point, by sex → item. From bonus.csv.',
  tables: bonusTables,
});
write('rules.json', structured);
// Format as the repository's Biome config wants, so `npx biome check` passes on the committed JSON.
spawnSync('npx', ['biome', 'format', '--write', outDir], { stdio: 'inherit' });
console.log(`wrote ${outDir}: ${Object.keys(grades).length} grades, ${Object.keys(bmi).length} BMI groups`);
