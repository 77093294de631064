import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { type EmbeddedServer, startEmbedded } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import { createDb } from './db/pool.js';
import { registerWorkers } from './modules/workers.js';
import { bootstrap } from './platform/bootstrap.js';
import { loadDemoCounty } from './platform/demo.js';
import { startJobs } from './platform/jobs.js';
import { startMaintenance } from './platform/maintenance.js';

/** config → database (embedded or external) → migrate → first-start data → jobs → app → listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (m: string) => console.log(`[tisheng] ${m}`);
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded(config.dataDir, config.embeddedPgPort, log);
    url = embedded.url;
    log(`embedded PostgreSQL running, data in ${config.dataDir}/pg`);
  }
  const { db, pool } = createDb(url);
  const applied = await migrateToLatest(db);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const boot = await bootstrap(db, {
    demo: config.demo,
    countyName: config.countyName,
    adminPassword: config.adminPassword,
    loadDemo: loadDemoCounty,
    log,
  });
  if (boot.adminPassword) {
    log('==============================================================');
    log(`administrator account: admin / ${boot.adminPassword}`);
    log('this password is shown only once; you will be asked to change it at first sign-in');
    log('==============================================================');
  }
  const jobs = await startJobs(url);
  const app = await buildApp({ db, config, jobs });
  await registerWorkers(app, jobs);
  const stopMaintenance = startMaintenance(db, (err) => app.log.error(err));
  await app.listen({ port: config.port, host: config.host });
  log(`Tisheng is running on http://localhost:${config.port}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    stopMaintenance();
    await app.close().catch(() => {});
    await jobs.stop({ graceful: true, timeout: 5000 }).catch(() => {});
    await db.destroy().catch(() => {});
    await pool.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('[tisheng] failed to start:', err);
  process.exit(1);
});
