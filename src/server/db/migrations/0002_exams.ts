import type { Kysely } from 'kysely';

/** The exams module's tables (see src/server/modules/exams/tables.ts for their types). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
