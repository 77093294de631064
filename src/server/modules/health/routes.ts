import type { FastifyInstance } from 'fastify';
import { registerImportKind } from '../../platform/import/kinds.js';
import { fitnessImport } from './fitness-import.js';
import { fitnessRoutes } from './fitness-routes.js';
import { registerHealthIndicators } from './indicator-sources.js';
import { mentalRoutes } from './mental-routes.js';
import { standardRoutes } from './standard-routes.js';
import { visionImport } from './vision-import.js';
import { visionRoutes } from './vision-routes.js';

/**
 * The health module's API, under /api/v1/health: the fitness standard (county corrections), fitness results and
 * reports, vision screenings, mental-health screening (restricted). Registers its import kinds (health-fitness, health-vision) and indicator sources.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  registerImportKind(fitnessImport);
  registerImportKind(visionImport);
  registerHealthIndicators();
  standardRoutes(app);
  fitnessRoutes(app);
  visionRoutes(app);
  mentalRoutes(app);
}
