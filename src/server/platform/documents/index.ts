export * from './charts.js';
export * from './docx.js';
