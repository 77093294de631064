import { registerImportKind } from '../../../platform/import/kinds.js';
import { classImport } from './classes.js';
import { guardianImport } from './guardians.js';
import { regionImport } from './regions.js';
import { schoolImport } from './schools.js';
import { staffImport } from './staff.js';
import { studentImport } from './students.js';
import { subjectImport } from './subjects.js';
import { assignmentImport } from './teaching-assignments.js';
import { termImport } from './terms.js';

/**
 * Registers the registry's importable tables with the platform's import/export service, in the order a new county
 * fills them in (each needs the ones before it): docs/api.md lists the same kinds.
 */
export function registerOrgImports(): void {
  registerImportKind(regionImport);
  registerImportKind(schoolImport);
  registerImportKind(termImport);
  registerImportKind(subjectImport);
  registerImportKind(staffImport);
  registerImportKind(classImport);
  registerImportKind(assignmentImport);
  registerImportKind(studentImport);
  registerImportKind(guardianImport);
}
