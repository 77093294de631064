import { benchApiLists } from './api-lists.js';

/**
 * `npm run bench [name…]`: runs the benchmarks and prints, for each, its table and the ratio it is judged by
 * (measured ÷ budget, or ours ÷ the alternative named in the issue). Exits non-zero when a budget is missed.
 */
const benches: Record<string, () => Promise<{ name: string; p95: number; budget: number }[]>> = {
  'api-lists': benchApiLists,
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length > 0 ? chosen : Object.keys(benches);
let missed = 0;
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const results = await bench();
  const worst = results.reduce((a, b) => (b.p95 / b.budget > a.p95 / a.budget ? b : a));
  const ratio = worst.p95 / worst.budget;
  console.log(
    `${name}: worst ${worst.name} p95 ${worst.p95.toFixed(1)} ms ÷ budget ${worst.budget} ms = ${ratio.toFixed(2)} ${ratio < 1 ? '(within budget)' : '(OVER BUDGET)'}`,
  );
  if (ratio >= 1) missed++;
}
process.exit(missed > 0 ? 1 : 0);
