import PgBoss from 'pg-boss';

/**
 * Background jobs in PostgreSQL (pg-boss): imports, recomputation, timers. Any app node can run workers,
 * so work survives restarts and scales out with the nodes.
 */
export type Jobs = PgBoss;

export async function startJobs(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, max: 5 });
  // One line per error (pg's errors carry the whole client object); the shutdown of the database at stop is expected.
  boss.on('error', (e: Error) => {
    if (/terminating connection due to administrator command/.test(e.message)) return;
    console.error(`[jobs] ${e.message}`);
  });
  await boss.start();
  return boss;
}
