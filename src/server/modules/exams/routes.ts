import type { FastifyInstance } from 'fastify';
import { registerImportKind } from '../../platform/import/kinds.js';
import { examCrudRoutes } from './exam-crud.js';
import { exportRoutes } from './export.js';
import { examImportRoutes } from './import-routes.js';
import { registerExamIndicatorSources } from './indicator-sources.js';
import { examPaperKind } from './paper-import.js';
import { reportRoutes } from './reports.js';
import { examScoresKind } from './score-import.js';
import { settingsRoutes } from './settings-routes.js';
import { wordReportRoutes } from './word-report.js';

/** 学业质量监测 under /api/v1/exams: exams and papers, score imports, the stored analysis and its reports. */
export async function examsRoutes(app: FastifyInstance): Promise<void> {
  registerImportKind(examScoresKind);
  registerImportKind(examPaperKind);
  registerExamIndicatorSources();
  settingsRoutes(app);
  reportRoutes(app);
  exportRoutes(app);
  wordReportRoutes(app);
  examImportRoutes(app);
  examCrudRoutes(app);
}
