/** The inspection engine: templates, sheet scoring, combining inspectors, and the rectification state machine. */
export * from './combine.js';
export * from './rectification.js';
export * from './scoring.js';
export * from './template.js';
