import type { FastifyInstance } from 'fastify';
import { complianceRoutes } from './compliance-routes.js';
import { observationRoutes } from './observations.js';
import { rulesRoutes } from './rules-routes.js';

/** The activities module's API, under /api/v1/activities. */
export async function activitiesRoutes(app: FastifyInstance): Promise<void> {
  rulesRoutes(app);
  observationRoutes(app);
  complianceRoutes(app);
}
