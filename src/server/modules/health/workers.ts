import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../../platform/jobs.js';

/** The health module's background work (pg-boss queues). */
export async function registerHealthWorkers(_app: FastifyInstance, _jobs: Jobs): Promise<void> {}
