import type { Kysely } from 'kysely';

/** The inspections module's tables (see src/server/modules/inspections/tables.ts for their types). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
