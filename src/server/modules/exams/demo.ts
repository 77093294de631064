import type { Db } from '../../db/pool.js';

/** The exams module's records in the demo county (deterministic), loaded after the registry. */
export async function seedExamsDemo(_db: Db, _countyId: number): Promise<void> {}
