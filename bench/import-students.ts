/**
 * `npm run bench import-students` (or `npx tsx bench/import-students.ts [rows]`): the students import at county scale.
 *
 * A temporary embedded PostgreSQL, migrated, with a county of 40 schools × 6 grades × 5 classes in the current
 * school year (a quick SQL fixture); a generated CSV of 40,000 students (UTF-8 with BOM, as Excel writes it); then
 * the dry run and the commit through the same service functions the background jobs call (runValidation,
 * runCommit), and a second import of the same file (everything unchanged). Prints the seconds of each step and the
 * total against the budget: < 20 s for validation + commit on the 2-core machine. A third import moves every
 * student to another class (40,000 updates, closed and opened placements).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { GRADE_LEVELS, labelOf } from '../src/common/org/enums.js';
import { startEmbedded } from '../src/server/db/embedded.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { createDb, type Db } from '../src/server/db/pool.js';
import { registerOrgImports } from '../src/server/modules/org/imports/index.js';
import { bootstrap } from '../src/server/platform/bootstrap.js';
import { FileStore } from '../src/server/platform/files.js';
import { type ImportJobRef, runCommit, runValidation } from '../src/server/platform/import/service.js';
import type { BenchResult } from './result.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 40_000);
const SCHOOLS = 40;
const GRADES = [1, 2, 3, 4, 5, 6];
const CLASSES_PER_GRADE = 5;
const BUDGET_SECONDS = 20;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏浩宇轩然欣怡梓涵子墨一诺思远';

/** A small deterministic generator, so every run imports the same file. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function fixture(db: Db): Promise<{ countyId: number; userId: number }> {
  await bootstrap(db, { demo: false, countyName: '基准县', adminPassword: 'Bench-admin-2025', log: () => {} });
  const countyId = (await db.selectFrom('regions').select('id').where('level', '=', 'county').executeTakeFirstOrThrow())
    .id;
  const userId = (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow())
    .id;
  await sql`
    WITH y AS (
      INSERT INTO school_years (county_id, name, start_date, end_date, is_current)
      VALUES (${countyId}, '2025-2026', '2025-09-01', '2026-07-15', true) RETURNING id
    ), t AS (
      INSERT INTO terms (county_id, school_year_id, kind, name, start_date, end_date, is_current)
      SELECT ${countyId}, id, 'first', '2025-2026学年上学期', '2025-09-01', '2026-01-20', true FROM y RETURNING id
    ), s AS (
      INSERT INTO schools (county_id, code, name, type, location, region_id)
      SELECT ${countyId}, 'S' || lpad(n::text, 3, '0'), '第' || n || '小学', 'primary', 'urban', ${countyId}
      FROM generate_series(1, ${SCHOOLS}) n RETURNING id
    )
    INSERT INTO classes (county_id, school_id, school_year_id, grade_level, class_no, name)
    SELECT ${countyId}, s.id, y.id, g, c, g || '年级(' || c || ')班'
    FROM s, y, generate_series(1, ${GRADES.length}) g, generate_series(1, ${CLASSES_PER_GRADE}) c
  `.execute(db);
  return { countyId, userId };
}

/** The roster; `move` shifts every student to the next class of their grade (so a re-import updates every row). */
function studentsCsv(rows: number, move = 0): Buffer {
  const next = rng(20251101);
  const pick = (chars: string) => chars[Math.floor(next() * chars.length)];
  const lines = ['学籍号,姓名,性别,出生日期,学校代码,年级,班号,学籍状态'];
  for (let i = 1; i <= rows; i++) {
    const grade = GRADES[Math.floor(next() * GRADES.length)];
    const school = `S${String(1 + Math.floor(next() * SCHOOLS)).padStart(3, '0')}`;
    const classNo = 1 + ((Math.floor(next() * CLASSES_PER_GRADE) + move) % CLASSES_PER_GRADE);
    const born = `${2019 - grade}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const name = pick(SURNAMES) + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '');
    const gender = next() < 0.5 ? '男' : '女';
    lines.push(
      `G3301${String(i).padStart(14, '0')},${name},${gender},${born},${school},${labelOf(GRADE_LEVELS, grade)},${classNo},`,
    );
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
}

async function importOnce(db: Db, files: FileStore, ref0: { countyId: number; userId: number }, content: Buffer) {
  const hash = await files.put(content);
  const job = await db
    .insertInto('import_jobs')
    .values({
      county_id: ref0.countyId,
      user_id: ref0.userId,
      kind: 'students',
      status: 'queued',
      file_name: 'students.csv',
      file_hash: hash,
      encoding: 'auto',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ref: ImportJobRef = { countyId: ref0.countyId, jobId: job.id };
  const state = () =>
    db
      .selectFrom('import_jobs')
      .select(['status', 'summary', 'message', 'errors'])
      .where('county_id', '=', ref.countyId)
      .where('id', '=', ref.jobId)
      .executeTakeFirstOrThrow();
  const [, validate] = await timed(() => runValidation(db, files, ref));
  const validated = await state();
  if (validated.status !== 'validated') {
    throw new Error(
      `dry run: ${validated.status} ${validated.message} ${JSON.stringify(validated.errors).slice(0, 500)}`,
    );
  }
  // What POST /io/imports/:id/commit does before it queues the commit.
  await db.updateTable('import_jobs').set({ status: 'committing' }).where('id', '=', ref.jobId).execute();
  const [, commit] = await timed(() => runCommit(db, files, ref));
  const committed = await state();
  if (committed.status !== 'committed') throw new Error(`commit: ${committed.status} ${committed.message}`);
  return { validate, commit, summary: committed.summary as { create: number; update: number; unchanged: number } };
}

export async function benchImportStudents(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tisheng-bench-import-'));
  const server = await startEmbedded(dir, 58000 + (process.pid % 900), () => {});
  const admin = createDb(server.url, 1);
  await sql`CREATE DATABASE bench`.execute(admin.db);
  await admin.db.destroy();
  const url = new URL(server.url);
  url.pathname = '/bench';
  const { db } = createDb(url.toString(), 10);
  try {
    await migrateToLatest(db);
    registerOrgImports();
    const ref = await fixture(db);
    const files = new FileStore(path.join(dir, 'files'));
    const [content, generate] = await timed(async () => studentsCsv(ROWS));
    console.log(
      `students import: ${ROWS} rows, ${(content.length / 1024 / 1024).toFixed(1)} MB CSV (generated in ${generate.toFixed(2)} s), ${os.cpus().length} CPUs`,
    );
    const first = await importOnce(db, files, ref, content);
    const count = await db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(count.n) !== ROWS) throw new Error(`expected ${ROWS} students, found ${count.n}`);
    const second = await importOnce(db, files, ref, content);
    const third = await importOnce(db, files, ref, studentsCsv(ROWS, 1));
    const rows = [
      ['step', 'validate (s)', 'commit (s)', 'total (s)', 'summary'],
      ['first import', first.validate, first.commit, first.validate + first.commit, JSON.stringify(first.summary)],
      [
        'same file again',
        second.validate,
        second.commit,
        second.validate + second.commit,
        JSON.stringify(second.summary),
      ],
      ['every row moved', third.validate, third.commit, third.validate + third.commit, JSON.stringify(third.summary)],
    ];
    for (const r of rows) {
      console.log(r.map((c, i) => (typeof c === 'number' ? c.toFixed(2) : c).padEnd(i === 0 ? 16 : 13)).join(''));
    }
    const total = first.validate + first.commit;
    const ratio = total / BUDGET_SECONDS;
    console.log(
      `first import ${total.toFixed(2)} s ÷ budget ${BUDGET_SECONDS} s = ${ratio.toFixed(2)} ${ratio < 1 ? '(within budget)' : '(OVER BUDGET)'}`,
    );
    return [
      { name: `import of ${ROWS} students (dry run + commit)`, measured: total, budget: BUDGET_SECONDS, unit: 's' },
    ];
  } finally {
    await db.destroy();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [result] = await benchImportStudents();
  process.exitCode = result.measured < result.budget ? 0 : 1;
}
