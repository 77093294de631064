import { analyzeExam, type FullAnalysis } from '../src/common/exams/full-analysis.js';
import { compareWithDuckDb } from './exams-check.js';
import { type BenchExam, generateExam } from './exams-data.js';
import { loadIntoDuckDb, runDuckDbAnalysis } from './exams-duckdb.js';
import { benchExamsProduct, PRODUCT_BUDGETS, type ProductResults } from './exams-import.js';
import type { BenchResult } from './result.js';

/**
 * `npm run bench -- exams [--students 100000]` (issue 3 "Performance"): generates a deterministic city-scale exam
 * (100,000 students × 9 subjects × 25 items by default, bench/exams-data.ts), then measures
 * (b) analyzeExam — the full analysis (src/common/exams/full-analysis.ts) — and
 * (c) DuckDB (in-memory, @duckdb/node-api) computing the same tables in SQL (bench/exams-duckdb.ts) on the same data.
 * Then, on the product (bench/exams-import.ts; skipped with --no-product, alone with --product-only): (a) the CSV score import through the
 * ImportKind pipeline into PostgreSQL and (d) /api/health latency while the server runs the analysis it queued.
 * Neither side's data loading is timed: our input arrays are generated before the clock starts, and the data is
 * loaded into DuckDB before its clock starts. Both run in this process, ours first, so the peak RSS after ours is
 * the analysis' own peak (data + results). A sample of numbers from every kind of table must agree between the two,
 * otherwise the bench fails. Judged by: ours ÷ DuckDB (< 1), peak memory (< 2 GB), import (< 30 s), health (< 100 ms).
 */
const MEMORY_BUDGET_MB = 2048;

function studentsArg(): number {
  const argv = process.argv;
  const i = argv.findIndex((a) => a === '--students' || a.startsWith('--students='));
  const raw = i < 0 ? process.env.EXAMS_STUDENTS : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const n = Number(raw ?? 100000);
  if (!Number.isInteger(n) || n < 100) throw new Error(`--students must be an integer ≥ 100, not ${raw}`);
  return n;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
/** CPU time of the whole process (every thread, user + system) since `from`, in ms. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

function productResults(exam: BenchExam, product: ProductResults): BenchResult[] {
  const { studentCount, subjects } = exam.data;
  return [
    {
      name: `(a) score import of ${studentCount} × ${subjects.length} × 25`,
      measured: product.importS,
      budget: PRODUCT_BUDGETS.importS,
      unit: 's',
    },
    {
      name: '(d) /api/health while the server analyses (max)',
      measured: product.healthMaxMs,
      budget: PRODUCT_BUDGETS.healthMs,
      unit: 'ms',
    },
  ];
}

export async function benchExams(): Promise<BenchResult[]> {
  const students = studentsArg();
  let t0 = performance.now();
  const exam: BenchExam = generateExam(students);
  const generateMs = performance.now() - t0;
  const items = exam.data.subjects.reduce((a, s) => a + (s.paper?.fullMarks.length ?? 0), 0);
  console.log(
    `exams: ${students} students × ${exam.data.subjects.length} subjects (${items} items; ${exam.data.classCount} classes, ` +
      `${exam.data.schoolCount} schools) generated in ${(generateMs / 1000).toFixed(1)} s`,
  );

  if (process.argv.includes('--product-only')) return productResults(exam, await benchExamsProduct(exam));

  t0 = performance.now();
  let cpu0 = process.cpuUsage();
  const ours: FullAnalysis = analyzeExam(exam.data, exam.config);
  const oursMs = performance.now() - t0;
  const oursCpuMs = cpuMs(cpu0);
  const oursPeakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`(b) analyzeExam: ${(oursMs / 1000).toFixed(2)} s, peak RSS so far ${oursPeakMb.toFixed(0)} MB`);

  const duck = await loadIntoDuckDb(exam);
  let closed = false;
  console.log(`    DuckDB load (CSV → tables, not timed): ${(duck.loadMs / 1000).toFixed(1)} s`);
  try {
    cpu0 = process.cpuUsage();
    const duckMs = await runDuckDbAnalysis(duck.connection, exam);
    const duckCpuMs = cpuMs(cpu0);
    console.log(`(c) DuckDB SQL: ${(duckMs / 1000).toFixed(2)} s`);
    const checked = await compareWithDuckDb(ours, exam, duck.connection);
    console.log(`    ${checked} numbers compared with DuckDB: all agree`);
    const totalPeakMb = process.resourceUsage().maxRSS / 1024;
    const s = (ms: number) => (ms / 1000).toFixed(2);
    console.table([
      { step: '(b) analysis, ours (1 thread)', 'wall s': s(oursMs), 'CPU s': s(oursCpuMs) },
      { step: '(c) same in DuckDB SQL (all threads)', 'wall s': s(duckMs), 'CPU s': s(duckCpuMs) },
      {
        step: 'ratio ours ÷ DuckDB',
        'wall s': (oursMs / duckMs).toFixed(2),
        'CPU s': (oursCpuMs / duckCpuMs).toFixed(2),
      },
    ]);
    console.table([
      { memory: 'peak RSS after ours (data + analysis)', MB: oursPeakMb.toFixed(0) },
      { memory: 'peak RSS incl. DuckDB', MB: totalPeakMb.toFixed(0) },
      { memory: 'heap used now', MB: mb(process.memoryUsage().heapUsed).toFixed(0) },
    ]);
    console.log(
      '    Loading is timed on neither side: the generated arrays exist before our clock starts; the CSV → DuckDB load ' +
        "runs before DuckDB's clock starts. Wall times are of a shared machine; CPU times are less sensitive to its load.",
    );
    duck.close();
    closed = true;
    const product = process.argv.includes('--no-product') ? null : await benchExamsProduct(exam);
    return [
      ...(product
        ? [
            {
              name: `(a) score import of ${students} × ${exam.data.subjects.length} × 25`,
              measured: product.importS,
              budget: PRODUCT_BUDGETS.importS,
              unit: 's',
            },
            {
              name: '(d) /api/health while the server analyses (max)',
              measured: product.healthMaxMs,
              budget: PRODUCT_BUDGETS.healthMs,
              unit: 'ms',
            },
          ]
        : []),
      { name: `analysis of ${students} students, ours ÷ DuckDB (wall)`, measured: oursMs, budget: duckMs, unit: 'ms' },
      {
        name: `analysis of ${students} students, ours ÷ DuckDB (CPU)`,
        measured: oursCpuMs,
        budget: duckCpuMs,
        unit: 'ms',
      },
      { name: 'peak memory of the analysis', measured: oursPeakMb, budget: MEMORY_BUDGET_MB, unit: 'MB' },
    ];
  } finally {
    if (!closed) duck.close();
  }
}
