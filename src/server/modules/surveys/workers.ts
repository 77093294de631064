import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../../platform/jobs.js';

/** The surveys module's background work (pg-boss queues). */
export async function registerSurveysWorkers(_app: FastifyInstance, _jobs: Jobs): Promise<void> {}
