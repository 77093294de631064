import type { FastifyInstance } from 'fastify';
import { activitiesRoutes } from './activities/routes.js';
import { adminRoutes } from './admin/routes.js';
import { authRoutes } from './auth/routes.js';
import { examsRoutes } from './exams/routes.js';
import { healthRoutes } from './health/routes.js';
import { indicatorsRoutes } from './indicators/routes.js';
import { inspectionsRoutes } from './inspections/routes.js';
import { ioRoutes } from './io/routes.js';
import { notificationsRoutes } from './notifications/routes.js';
import { registerOrgImports } from './org/imports/index.js';
import { orgRoutes } from './org/routes.js';
import { surveysPublicPages } from './surveys/public-pages.js';
import { surveysRoutes } from './surveys/routes.js';
import { systemRoutes } from './system/routes.js';

/** Every module's routes. A module adds one line here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  registerOrgImports();
  await app.register(systemRoutes);
  await app.register(authRoutes, { prefix: '/api/v1/auth' });
  await app.register(orgRoutes, { prefix: '/api/v1/org' });
  await app.register(adminRoutes, { prefix: '/api/v1/admin' });
  await app.register(ioRoutes, { prefix: '/api/v1/io' });
  await app.register(notificationsRoutes, { prefix: '/api/v1/notifications' });
  await app.register(examsRoutes, { prefix: '/api/v1/exams' });
  await app.register(inspectionsRoutes, { prefix: '/api/v1/inspections' });
  await app.register(surveysRoutes, { prefix: '/api/v1/surveys' });
  await app.register(surveysPublicPages);
  await app.register(activitiesRoutes, { prefix: '/api/v1/activities' });
  await app.register(healthRoutes, { prefix: '/api/v1/health' });
  await app.register(indicatorsRoutes, { prefix: '/api/v1/indicators' });
}
