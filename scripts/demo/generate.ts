/**
 * Demo-county generator CLI.
 *
 *   npm run demo                                   # 40,000 students, seed 1: print the counts
 *   npm run demo -- --students 200000 --seed 7     # a larger county for benchmarks
 *   npm run demo -- --out county.json              # also write the generated data as JSON
 *   npm run demo -- --database-url postgres://…    # load it into that database (migrations must have run)
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/server/db/types.js';
import { countRows, type DemoCounty, generateCounty, schoolTermOn, TABLE_KEYS } from './county.js';
import { DEMO_PASSWORD, demoAccounts, loadCounty } from './load.js';

const USAGE = `Usage: npm run demo -- [options]
  --students N         active students (default 40000)
  --schools N          schools (default ~60 for 40,000 students, more for larger counties)
  --seed N             random seed (default 1); the same seed gives the same county
  --county-code CODE   6-digit county region code (default 990101)
  --county-name NAME   county name (default 示范县)
  --username-prefix P  prefix for the demo usernames (to load a second county beside the first)
  --date YYYY-MM-DD    the day the county is made for: its current school year and term contain it (default 2025-10-01,
                       so the default county is always the same; the server uses the day it first starts)
  --out FILE           write the generated data as JSON
  --database-url URL   load the county into this PostgreSQL database (migrations must have run)
  -h, --help           this text`;

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${value}`);
  return n;
}

function dateOption(value: string): Date {
  const date = new Date(`${value}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) {
    throw new Error(`--date must be YYYY-MM-DD, got ${value}`);
  }
  return date;
}

/** Writes the data as one JSON object, a row per line, without building one huge string. */
async function writeJson(file: string, data: DemoCounty): Promise<void> {
  const out = createWriteStream(file, 'utf8');
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const { options, countyRegionId, demoSchoolId, currentSchoolYearId, currentTermId } = data;
  const head = { options, countyRegionId, demoSchoolId, currentSchoolYearId, currentTermId };
  await put(`${JSON.stringify(head).slice(0, -1)}`);
  for (const key of TABLE_KEYS) {
    const rows: readonly unknown[] = data[key];
    await put(`,\n${JSON.stringify(key)}: [`);
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000).map((r) => `\n${JSON.stringify(r)}`);
      await put((i === 0 ? '' : ',') + part.join(','));
    }
    await put('\n]');
  }
  await put('\n}\n');
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      students: { type: 'string' },
      schools: { type: 'string' },
      seed: { type: 'string' },
      'county-code': { type: 'string' },
      'county-name': { type: 'string' },
      'username-prefix': { type: 'string' },
      date: { type: 'string' },
      out: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const data = generateCounty({
    students: intOption('students', values.students),
    schools: intOption('schools', values.schools),
    seed: intOption('seed', values.seed),
    countyCode: values['county-code'],
    countyName: values['county-name'],
    usernamePrefix: values['username-prefix'],
    ...schoolTermOn(dateOption(values.date ?? '2025-10-01')),
  });
  const generatedMs = Math.round(performance.now() - started);
  const counts = countRows(data);
  console.log(
    `Generated ${data.options.countyName} (seed ${data.options.seed}, ${data.options.students} students, ${data.options.schools} schools) in ${generatedMs} ms:`,
  );
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [key, n] of Object.entries(counts))
    console.log(`  ${key.padEnd(width)}  ${n.toLocaleString('en-US').padStart(10)}`);

  if (values.out) {
    await writeJson(values.out, data);
    console.log(`Wrote ${values.out}`);
  }

  if (values['database-url']) {
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: values['database-url'], max: 2 }) }),
    });
    try {
      const summary = await loadCounty(db, data);
      console.log(`Loaded into the database in ${summary.ms} ms (county_id ${summary.countyId}).`);
      console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
      for (const a of demoAccounts) console.log(`  ${(data.options.usernamePrefix + a.username).padEnd(14)} ${a.zh}`);
    } finally {
      await db.destroy();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  console.error('(npm run demo -- --help for the options)');
  process.exitCode = 1;
});
