/** The indicator and target engine (issue 6): pure functions over plain data, no I/O. */
export * from './attainment.js';
export * from './seed.js';
export * from './split.js';
export * from './targets.js';
export * from './types.js';
