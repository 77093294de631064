export * from './agreement.js';
export * from './calendar.js';
export * from './evaluate.js';
export * from './home-visits.js';
export * from './homework.js';
export * from './rules.js';
