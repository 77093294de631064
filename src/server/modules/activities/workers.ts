import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../../platform/jobs.js';

/** The activities module's background work (pg-boss queues). */
export async function registerActivitiesWorkers(_app: FastifyInstance, _jobs: Jobs): Promise<void> {}
