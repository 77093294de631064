import type { Kysely } from 'kysely';

/** The health module's tables (see src/server/modules/health/tables.ts for their types). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
