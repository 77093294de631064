import PgBoss from 'pg-boss';

/**
 * Background jobs in PostgreSQL (pg-boss): imports, recomputation, timers. Any app node can run workers,
 * so work survives restarts and scales out with the nodes.
 */
export type Jobs = PgBoss;

export async function startJobs(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, max: 5 });
  boss.on('error', (e: unknown) => console.error('[jobs]', e));
  await boss.start();
  return boss;
}
