import type { FastifyInstance } from 'fastify';

/** The activities module's API, under /api/v1/activities. */
export async function activitiesRoutes(_app: FastifyInstance): Promise<void> {}
