import type { Kysely } from 'kysely';

/** The activities module's tables (see src/server/modules/activities/tables.ts for their types). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
