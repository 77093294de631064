import type { FastifyInstance } from 'fastify';
import { complianceRoutes } from './compliance-routes.js';
import { homeVisitRoutes } from './home-visits.js';
import { homeworkRoutes } from './homework-routes.js';
import { registerActivitiesIndicators } from './indicators.js';
import { observationRoutes } from './observations.js';
import { openLessonRoutes } from './open-lessons.js';
import { prepRoutes } from './preps.js';
import { qualityRoutes } from './quality.js';
import { researchRoutes } from './research.js';
import { rulesRoutes } from './rules-routes.js';
import { trainingRoutes } from './training.js';

/** The activities module's API, under /api/v1/activities; registers its indicator sources for the plans module. */
export async function activitiesRoutes(app: FastifyInstance): Promise<void> {
  registerActivitiesIndicators();
  rulesRoutes(app);
  observationRoutes(app);
  complianceRoutes(app);
  openLessonRoutes(app);
  prepRoutes(app);
  researchRoutes(app);
  trainingRoutes(app);
  homeVisitRoutes(app);
  homeworkRoutes(app);
  qualityRoutes(app);
}
