import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { up } from '../../src/server/db/migrations/0001_platform_and_org';
import type { Database } from '../../src/server/db/types';
import { generateCounty } from './county';
import { loadCounty } from './load';

const url = process.argv[2];
const students = Number(process.argv[3] ?? 40000);
const migrate = process.argv[4] === 'migrate';
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }) });
if (migrate) await up(db as unknown as Kysely<unknown>);
let t = performance.now();
const data = generateCounty({ students, usernamePrefix: process.argv[5] ?? '', countyCode: process.argv[6] });
console.log('generate ms', Math.round(performance.now() - t));
t = performance.now();
const hash = await (await import('../../src/server/platform/auth/password')).hashPassword('Demo@2025');
console.log('hash ms', Math.round(performance.now() - t));
const s = await loadCounty(db, data, {
  passwordHash: hash,
  chunkSize: Number(process.env.CHUNK ?? 10000),
  onProgress: (tb, n) => console.log('  ', tb, n, Math.round(performance.now() - t)),
});
console.log('load', s);
await db.destroy();
