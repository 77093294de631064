/** The exam-analysis engine: pure statistics over typed arrays (see each module's conventions). */
export * from './composite.js';
export * from './descriptives.js';
export * from './full-analysis.js';
export * from './groups.js';
export * from './items.js';
export * from './lines.js';
export * from './options.js';
export * from './ranks.js';
export * from './rates.js';
export * from './students.js';
export * from './valueadded.js';
