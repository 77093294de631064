import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../../platform/jobs.js';

/** The inspections module's background work (pg-boss queues). */
export async function registerInspectionsWorkers(_app: FastifyInstance, _jobs: Jobs): Promise<void> {}
