/** The indicators module's tables, as Kysely sees them; part of the Database interface (src/server/db/types.ts). */
// biome-ignore lint/suspicious/noEmptyInterface: the module's tables are added with its migration
export interface IndicatorsTables {}
