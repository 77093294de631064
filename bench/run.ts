import { benchApiLists } from './api-lists.js';
import { benchExams } from './exams.js';
import { benchImportStudents } from './import-students.js';
import type { BenchResult } from './result.js';
import { benchSurveys } from './surveys.js';

/**
 * `npm run bench [name…]`: runs the benchmarks and prints, for each, its table and the ratio it is judged by
 * (measured ÷ budget, or ours ÷ the alternative named in the issue). Exits non-zero when a budget is missed.
 */
const benches: Record<string, () => Promise<BenchResult[]>> = {
  'import-students': benchImportStudents,
  'api-lists': benchApiLists,
  exams: benchExams,
  surveys: benchSurveys,
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-') && !/^\d+$/.test(a)); // skip option values
const names = chosen.length > 0 ? chosen : Object.keys(benches);
const summary: { bench: string; worst: string; measured: string; budget: string; ratio: string }[] = [];
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const results = await bench();
  const worst = results.reduce((a, b) => (b.measured / b.budget > a.measured / a.budget ? b : a));
  summary.push({
    bench: name,
    worst: worst.name,
    measured: `${worst.measured.toFixed(2)} ${worst.unit}`,
    budget: `${worst.budget} ${worst.unit}`,
    ratio: (worst.measured / worst.budget).toFixed(2),
  });
}
console.log('\nSummary (ratio = measured ÷ budget; < 1 is within budget)');
console.table(summary);
process.exit(summary.some((s) => Number(s.ratio) >= 1) ? 1 : 0);
