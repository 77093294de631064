import { httpSession } from '../e2e/http.js';
import { percentile, startServer } from '../e2e/server.js';
import type { BenchResult } from './result.js';

/**
 * Budget (architecture.md, foundation issue): every list endpoint answers in p95 < 150 ms on the demo county under
 * 50 concurrent users. 50 virtual users, each signed in as one of the demo accounts (bureau, school, grade, class
 * roles, so scope filters of every kind are exercised), request list pages — first pages, later pages, searches and
 * filters — back to back with no think time (harsher than people at screens), after a concurrent warm-up, for
 * BENCH_REQUESTS requests each. Prints p50/p95/p99 per endpoint and p95 ÷ budget. The load generator shares the
 * 2-core machine with the server and its database.
 */
const BUDGET_MS = 150;
const USERS = 50;
const REQUESTS_PER_USER = Number(process.env.BENCH_REQUESTS ?? 200);
/** Requests before measuring, from all users at once: the JIT and the caches reach their steady state. */
const WARMUP_PER_USER = 20;

const ACCOUNTS = [
  'admin',
  'leader',
  'researcher',
  'inspector',
  'district',
  'principal',
  'director',
  'gradelead',
  'subjectlead',
  'headteacher',
  'teacher',
];
const ENDPOINTS = [
  'org/schools?pageSize=20',
  'org/students?pageSize=20',
  'org/students?pageSize=20&page=50',
  'org/students?pageSize=20&q=王',
  'org/staff?pageSize=20',
  'org/classes?pageSize=20',
  'org/guardians?pageSize=20',
  'org/teaching-assignments?pageSize=20',
  'org/regions',
  'org/terms',
  'org/subjects',
  'admin/users?pageSize=20',
  'admin/audit?pageSize=20',
  'io/imports',
];

export async function benchApiLists(): Promise<BenchResult[]> {
  const server = await startServer();
  try {
    const sessions = await Promise.all(
      ACCOUNTS.map((u) => httpSession(server.base, u, u === 'admin' ? server.adminPassword : 'Demo@2025')),
    );
    const latencies = new Map<string, number[]>(ENDPOINTS.map((e) => [e, []]));
    let statusErrors = 0;
    await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        for (let i = 0; i < WARMUP_PER_USER; i++) {
          const endpoint = ENDPOINTS[(u + i) % ENDPOINTS.length];
          const res = await fetch(`${server.base}/api/v1/${endpoint}`, {
            headers: { cookie: sessions[u % sessions.length].cookie },
          });
          await res.arrayBuffer();
        }
      }),
    );
    const started = performance.now();
    await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        const session = sessions[u % sessions.length];
        for (let i = 0; i < REQUESTS_PER_USER; i++) {
          const endpoint = ENDPOINTS[(u + i) % ENDPOINTS.length];
          const t0 = performance.now();
          const res = await fetch(`${server.base}/api/v1/${endpoint}`, { headers: { cookie: session.cookie } });
          await res.arrayBuffer();
          latencies.get(endpoint)!.push(performance.now() - t0);
          if (res.status !== 200 && res.status !== 403) statusErrors++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rows = [...latencies.entries()].map(([name, l]) => {
      const sorted = l.sort((a, b) => a - b);
      return {
        name,
        n: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
      };
    });
    const total = USERS * REQUESTS_PER_USER;
    console.log(
      `\nAPI lists: ${USERS} concurrent users, ${total} requests in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} req/s), unexpected statuses: ${statusErrors}`,
    );
    console.table(
      rows.map((r) => ({
        endpoint: r.name,
        n: r.n,
        'p50 ms': r.p50.toFixed(1),
        'p95 ms': r.p95.toFixed(1),
        'p99 ms': r.p99.toFixed(1),
        'p95 / budget': (r.p95 / BUDGET_MS).toFixed(2),
      })),
    );
    if (statusErrors > 0) throw new Error(`${statusErrors} requests answered an unexpected status`);
    return rows.map((r) => ({ name: `p95 of GET /api/v1/${r.name}`, measured: r.p95, budget: BUDGET_MS, unit: 'ms' }));
  } finally {
    await server.stop();
  }
}
