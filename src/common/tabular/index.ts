/** The pure, isomorphic part of the spreadsheet layer (column specs, cell parsing, formatting). */
export * from './columns.js';
export * from './dates.js';
export * from './describe.js';
export * from './format.js';
export * from './issues.js';
export * from './messages.js';
export * from './neutralize.js';
export * from './numbers.js';
export * from './text.js';
export * from './types.js';
export * from './values.js';
