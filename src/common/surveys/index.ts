/** The survey statistics engine: pure functions over answers (see each module's formulas). */

export * from './cases.js';
export * from './choice.js';
export * from './combine.js';
export * from './comments.js';
export * from './coverage.js';
export * from './definition.js';
export * from './disclosure.js';
export * from './drivers.js';
export * from './ranking.js';
export * from './report.js';
export * from './sampling.js';
export * from './satisfaction.js';
export * from './scores.js';
export * from './stats.js';
export * from './templates.js';
export * from './types.js';
export * from './validate.js';
