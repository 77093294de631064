import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../platform/jobs.js';
import { registerActivitiesWorkers } from './activities/workers.js';
import { registerExamsWorkers } from './exams/workers.js';
import { registerHealthWorkers } from './health/workers.js';
import { registerIndicatorsWorkers } from './indicators/workers.js';
import { registerInspectionsWorkers } from './inspections/workers.js';
import { registerIoWorkers } from './io/workers.js';
import { registerSurveysWorkers } from './surveys/workers.js';

/** Background workers of every module. A module with queued work adds one line here. */
export async function registerWorkers(app: FastifyInstance, jobs: Jobs): Promise<void> {
  await registerIoWorkers(app, jobs);
  await registerExamsWorkers(app, jobs);
  await registerInspectionsWorkers(app, jobs);
  await registerSurveysWorkers(app, jobs);
  await registerActivitiesWorkers(app, jobs);
  await registerHealthWorkers(app, jobs);
  await registerIndicatorsWorkers(app, jobs);
}
