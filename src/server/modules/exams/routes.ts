import type { FastifyInstance } from 'fastify';

/** The exams module's API, under /api/v1/exams. */
export async function examsRoutes(_app: FastifyInstance): Promise<void> {}
