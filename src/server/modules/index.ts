import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth/routes.js';
import { healthRoutes } from './health/routes.js';

/** Every module's routes. A module adds one line here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/v1/auth' });
}
