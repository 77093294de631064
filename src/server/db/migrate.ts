import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_platform_and_org.js';

/**
 * Forward-only migrations, listed here in order (a static list, so bundling and tests need no file scanning).
 * Add a file in ./migrations and a line below; never edit a migration that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001_platform_and_org': m0001,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// biome-ignore lint/suspicious/noExplicitAny: migrations run on any database type
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
