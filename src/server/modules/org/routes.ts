import type { FastifyInstance } from 'fastify';
import { classRoutes } from './classes.js';
import { guardianRoutes } from './guardians.js';
import { regionRoutes } from './regions.js';
import { schoolYearRoutes } from './school-years.js';
import { schoolRoutes } from './schools.js';
import { scopeRoutes } from './scope.js';
import { staffRoutes } from './staff.js';
import { studentRoutes } from './students.js';
import { subjectRoutes } from './subjects.js';
import { teachingAssignmentRoutes } from './teaching-assignments.js';

/**
 * The org registry under /api/v1/org: one file per entity (five routes each through crud.ts's registerEntity),
 * plus the students' transfer and enrollment history and the org picker's /scope.
 */
export async function orgRoutes(app: FastifyInstance): Promise<void> {
  scopeRoutes(app);
  regionRoutes(app);
  schoolRoutes(app);
  schoolYearRoutes(app);
  subjectRoutes(app);
  staffRoutes(app);
  classRoutes(app);
  teachingAssignmentRoutes(app);
  studentRoutes(app);
  guardianRoutes(app);
}
