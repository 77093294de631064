import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_platform_and_org.js';
import * as m0002 from './migrations/0002_exams.js';
import * as m0003 from './migrations/0003_inspections.js';
import * as m0004 from './migrations/0004_surveys.js';
import * as m0005 from './migrations/0005_activities.js';
import * as m0006 from './migrations/0006_health.js';
import * as m0007 from './migrations/0007_indicators.js';
import * as m0008 from './migrations/0008_notifications.js';

/**
 * Forward-only migrations, listed here in order (a static list, so bundling and tests need no file scanning).
 * Add a file in ./migrations and a line below; never edit a migration that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001_platform_and_org': m0001,
  '0002_exams': m0002,
  '0003_inspections': m0003,
  '0004_surveys': m0004,
  '0005_activities': m0005,
  '0006_health': m0006,
  '0007_indicators': m0007,
  '0008_notifications': m0008,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// biome-ignore lint/suspicious/noExplicitAny: migrations run on any database type
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
