export * from './dates.js';
export * from './holidays.js';
export * from './recurrence.js';
export * from './validate.js';
export * from './working-calendar.js';
