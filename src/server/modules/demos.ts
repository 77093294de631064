import type { Db } from '../db/pool.js';
import { seedActivitiesDemo } from './activities/demo.js';
import { seedExamsDemo } from './exams/demo.js';
import { seedHealthDemo } from './health/demo.js';
import { seedIndicatorsDemo } from './indicators/demo.js';
import { seedInspectionsDemo } from './inspections/demo.js';
import { seedSurveysDemo } from './surveys/demo.js';

/** Each module's demo records, loaded after the demo registry (platform/demo.ts). A module adds one line here. */
export async function seedModuleDemos(db: Db, countyId: number): Promise<void> {
  await seedExamsDemo(db, countyId);
  await seedInspectionsDemo(db, countyId);
  await seedSurveysDemo(db, countyId);
  await seedActivitiesDemo(db, countyId);
  await seedHealthDemo(db, countyId);
  await seedIndicatorsDemo(db, countyId);
}
