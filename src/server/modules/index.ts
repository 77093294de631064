import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin/routes.js';
import { authRoutes } from './auth/routes.js';
import { ioRoutes } from './io/routes.js';
import { registerOrgImports } from './org/imports/index.js';
import { orgRoutes } from './org/routes.js';
import { healthRoutes } from './system/routes.js';

/** Every module's routes. A module adds one line here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  registerOrgImports();
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/v1/auth' });
  await app.register(orgRoutes, { prefix: '/api/v1/org' });
  await app.register(adminRoutes, { prefix: '/api/v1/admin' });
  await app.register(ioRoutes, { prefix: '/api/v1/io' });
}
