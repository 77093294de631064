import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../../platform/jobs.js';

/** The indicators module's background work (pg-boss queues). */
export async function registerIndicatorsWorkers(_app: FastifyInstance, _jobs: Jobs): Promise<void> {}
