/** The error every refusal of a file raises: a code for programs, a Chinese message for users, an English one. */

/** Why a file was refused. */
export type TabularErrorCode =
  | 'too_large'
  | 'empty'
  | 'header_only'
  | 'too_many_rows'
  | 'unsupported_type'
  | 'legacy_office'
  | 'encrypted'
  | 'html_disguised'
  | 'invalid_xlsx'
  | 'no_visible_sheet'
  | 'formula'
  | 'merged_cells'
  | 'encoding_mismatch'
  | 'unknown_encoding'
  | 'unclosed_quote';

/** A file that cannot be read as a table. `cells` names the cells or ranges concerned (e.g. formulas, merges). */
export class TabularError extends Error {
  override readonly name = 'TabularError';

  constructor(
    readonly code: TabularErrorCode,
    message: string,
    readonly messageEn: string,
    readonly cells: string[] = [],
  ) {
    super(message);
  }
}
