import type { FastifyInstance } from 'fastify';

/** The health module's API, under /api/v1/health. */
export async function healthRoutes(_app: FastifyInstance): Promise<void> {}
