/** Column specs and row parsing, shared with the web: see src/common/tabular. */
export {
  findDuplicateKeys,
  type HeaderMatch,
  matchHeaders,
  type ParseOptions,
  type ParseResult,
  parseRows,
} from '../../../common/tabular/columns.js';
export { MAX_REPORTED_ERRORS, mergeIssues } from '../../../common/tabular/issues.js';
export type {
  ColumnSpec,
  ColumnType,
  ParsedRow,
  Table,
  TableRow,
  TabularIssue,
} from '../../../common/tabular/types.js';
export { parseCell } from '../../../common/tabular/values.js';
