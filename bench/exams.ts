import { analyzeExam, type FullAnalysis } from '../src/common/exams/full-analysis.js';
import { compareWithDuckDb } from './exams-check.js';
import { type BenchExam, generateExam } from './exams-data.js';
import { loadIntoDuckDb, runDuckDbAnalysis } from './exams-duckdb.js';
import type { BenchResult } from './result.js';

/**
 * `npm run bench -- exams [--students 100000]` (issue 3 "Performance"): generates a deterministic city-scale exam
 * (100,000 students × 9 subjects × 25 items by default, bench/exams-data.ts), then measures
 * (b) analyzeExam — the full analysis (src/common/exams/full-analysis.ts) — and
 * (c) DuckDB (in-memory, @duckdb/node-api) computing the same tables in SQL (bench/exams-duckdb.ts) on the same data.
 * Neither side's data loading is timed: our input arrays are generated before the clock starts, and the data is
 * loaded into DuckDB before its clock starts. Both run in this process, ours first, so the peak RSS after ours is
 * the analysis' own peak (data + results). A sample of numbers from every kind of table must agree between the two,
 * otherwise the bench fails. Judged by: ours ÷ DuckDB (< 1) and peak memory (< 2 GB).
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

  t0 = performance.now();
  const ours: FullAnalysis = analyzeExam(exam.data, exam.config);
  const oursMs = performance.now() - t0;
  const oursPeakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`(b) analyzeExam: ${(oursMs / 1000).toFixed(2)} s, peak RSS so far ${oursPeakMb.toFixed(0)} MB`);

  const duck = await loadIntoDuckDb(exam);
  console.log(`    DuckDB load (CSV → tables, not timed): ${(duck.loadMs / 1000).toFixed(1)} s`);
  try {
    const duckMs = await runDuckDbAnalysis(duck.connection, exam);
    console.log(`(c) DuckDB SQL: ${(duckMs / 1000).toFixed(2)} s`);
    const checked = await compareWithDuckDb(ours, exam, duck.connection);
    console.log(`    ${checked} numbers compared with DuckDB: all agree`);
    const totalPeakMb = process.resourceUsage().maxRSS / 1024;
    console.table([
      { step: '(b) analysis, ours', seconds: (oursMs / 1000).toFixed(2) },
      { step: '(c) same in DuckDB SQL', seconds: (duckMs / 1000).toFixed(2) },
      { step: 'ratio ours ÷ DuckDB', seconds: (oursMs / duckMs).toFixed(2) },
      { step: 'peak RSS after ours (MB)', seconds: oursPeakMb.toFixed(0) },
      { step: 'peak RSS incl. DuckDB (MB)', seconds: totalPeakMb.toFixed(0) },
      { step: `heap used now (MB)`, seconds: mb(process.memoryUsage().heapUsed).toFixed(0) },
    ]);
    return [
      { name: `analysis of ${students} students, ours ÷ DuckDB`, measured: oursMs, budget: duckMs, unit: 'ms' },
      { name: 'peak memory of the analysis', measured: oursPeakMb, budget: MEMORY_BUDGET_MB, unit: 'MB' },
    ];
  } finally {
    duck.close();
  }
}
