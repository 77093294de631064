/** The system's own status: GET /api/health for load balancers and monitoring (not the student-health module). */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';

export async function systemRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['health'],
        response: {
          200: Type.Object({ status: Type.String(), database: Type.String() }),
          503: Type.Object({ status: Type.String(), database: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(app.db);
        return { status: 'ok', database: 'ok' };
      } catch {
        return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
      }
    },
  );
}
