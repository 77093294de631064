import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../platform/jobs.js';
import { registerIoWorkers } from './io/workers.js';

/** Background workers of every module. A module with queued work adds one line here. */
export async function registerWorkers(app: FastifyInstance, jobs: Jobs): Promise<void> {
  await registerIoWorkers(app, jobs);
}
