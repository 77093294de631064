import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminSession, type HttpSession, waitFor } from './http.js';
import { type RunningServer, startServer } from './server.js';

/**
 * kill -9 in the middle of an import: the database is as before the import, the next start is clean (the
 * orphaned PostgreSQL and its pid file are dealt with), and the interrupted commit comes back to the user as
 * "validated" so it can be committed again — which then writes every row.
 */
interface Job {
  id: number;
  status: string;
  processedRows: number;
  totalRows: number;
  message: string | null;
  summary: { create: number; update: number; unchanged: number } | null;
}

let server: RunningServer;
let restarted: RunningServer | undefined;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await (restarted ?? server).stop();
});

const jobOf = async (s: HttpSession, id: number) => (await s.json<{ job: Job }>('GET', `/api/v1/io/imports/${id}`)).job;
const renamedCount = async (s: HttpSession) =>
  (await s.json<{ total: number }>('GET', `/api/v1/org/students?pageSize=1&q=${encodeURIComponent('乙')}`)).total;

it('survives kill -9 during an import commit with nothing half-written', async () => {
  const admin = await adminSession(server);
  // Every student of the county, exported and renamed: the commit updates ~40,000 rows in one transaction.
  const csv = await (await admin.get('/api/v1/io/students/export?format=csv')).text();
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const nameColumn = lines[0].split(',').indexOf('姓名');
  const renamed = [
    lines[0],
    ...lines.slice(1).map((l) =>
      l
        .split(',')
        .map((c, i) => (i === nameColumn ? `${c}乙` : c))
        .join(','),
    ),
  ];
  expect(renamed.length).toBeGreaterThan(30_000);
  expect(await renamedCount(admin)).toBe(0);

  const uploaded = await admin.upload('/api/v1/io/students/imports', 'students.csv', Buffer.from(renamed.join('\n')));
  expect(uploaded.status).toBe(200);
  const { job } = (await uploaded.json()) as { job: Job };
  const validated = await waitFor(
    () => jobOf(admin, job.id),
    (j) => j.status !== 'queued' && j.status !== 'validating',
  );
  expect(validated.status).toBe('validated');
  expect(validated.summary?.update).toBe(renamed.length - 1);

  await admin.json('POST', `/api/v1/io/imports/${job.id}/commit`);
  await waitFor(
    () => jobOf(admin, job.id),
    (j) => j.status === 'committing' && j.processedRows > 0,
    120_000,
    50,
  );
  await server.crash();

  restarted = await startServer({ dataDir: server.dataDir, port: Number(new URL(server.base).port) });
  const again = await adminSession(restarted);
  expect(await renamedCount(again)).toBe(0);
  const recovered = await waitFor(
    () => jobOf(again, job.id),
    (j) => j.status === 'validated',
    120_000,
    1000,
  );
  expect(recovered.message).toContain('未写入任何数据');

  await again.json('POST', `/api/v1/io/imports/${job.id}/commit`);
  const done = await waitFor(
    () => jobOf(again, job.id),
    (j) => j.status === 'committed' || j.status === 'failed',
    180_000,
    500,
  );
  expect(done.status).toBe('committed');
  expect(await renamedCount(again)).toBe(renamed.length - 1);
});
