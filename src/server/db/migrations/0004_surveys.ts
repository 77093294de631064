import type { Kysely } from 'kysely';

/** The surveys module's tables (see src/server/modules/surveys/tables.ts for their types). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
