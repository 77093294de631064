import type { Kysely } from 'kysely';

/** The indicators module's tables (see src/server/modules/indicators/tables.ts for their types). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
