import type { FastifyInstance } from 'fastify';
import { documentRoutes } from './documents.js';
import { fileRoutes } from './files.js';
import { registerInspectionIndicators } from './indicator-sources.js';
import { problemRoutes } from './problems/routes.js';
import { settingsRoutes } from './settings-routes.js';
import { statsRoutes } from './stats/routes.js';
import { templateRoutes } from './templates/routes.js';
import { planRoutes } from './visits/plans.js';
import { resultRoutes } from './visits/results.js';
import { scoringRoutes } from './visits/scoring.js';

/** The inspections module's API, under /api/v1/inspections (docs/modules/inspections.md). */
export async function inspectionsRoutes(app: FastifyInstance): Promise<void> {
  templateRoutes(app);
  planRoutes(app);
  scoringRoutes(app);
  resultRoutes(app);
  fileRoutes(app);
  problemRoutes(app);
  statsRoutes(app);
  documentRoutes(app);
  settingsRoutes(app);
  registerInspectionIndicators();
}
