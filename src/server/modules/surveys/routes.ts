import type { FastifyInstance } from 'fastify';

/** The surveys module's API, under /api/v1/surveys. */
export async function surveysRoutes(_app: FastifyInstance): Promise<void> {}
