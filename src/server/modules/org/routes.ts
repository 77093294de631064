import type { FastifyInstance } from 'fastify';
import { schoolRoutes } from './schools.js';

/** The org registry under /api/v1/org. */
export async function orgRoutes(app: FastifyInstance): Promise<void> {
  schoolRoutes(app);
}
