import type { FastifyInstance } from 'fastify';

/** The inspections module's API, under /api/v1/inspections. */
export async function inspectionsRoutes(_app: FastifyInstance): Promise<void> {}
