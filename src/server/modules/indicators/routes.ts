import type { FastifyInstance } from 'fastify';

/** The indicators module's API, under /api/v1/indicators. */
export async function indicatorsRoutes(_app: FastifyInstance): Promise<void> {}
