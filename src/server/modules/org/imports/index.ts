import { registerImportKind } from '../../../platform/import/kinds.js';
import { studentImport } from './students.js';

/** Registers the registry's importable tables with the platform's import/export service. */
export function registerOrgImports(): void {
  registerImportKind(studentImport);
}
