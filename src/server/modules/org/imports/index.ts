import { registerImportKind } from '../../../platform/import/kinds.js';
import { schoolImport } from './schools.js';
import { studentImport } from './students.js';

/** Registers the registry's importable tables with the platform's import/export service. */
export function registerOrgImports(): void {
  registerImportKind(schoolImport);
  registerImportKind(studentImport);
}
