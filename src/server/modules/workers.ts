import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../platform/jobs.js';

/** Background workers of every module. A module with queued work adds one line here. */
export async function registerWorkers(_app: FastifyInstance, _jobs: Jobs): Promise<void> {}
