/** The exam-analysis engine: pure statistics over typed arrays (see each module's conventions). */
export * from './descriptives.js';
export * from './groups.js';
export * from './items.js';
export * from './ranks.js';
export * from './rates.js';
