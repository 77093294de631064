import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../../platform/jobs.js';

/** The exams module's background work (pg-boss queues). */
export async function registerExamsWorkers(_app: FastifyInstance, _jobs: Jobs): Promise<void> {}
