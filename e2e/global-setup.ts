import type { TestProject } from 'vitest/node';
import { ADMIN_PASSWORD, startServer } from './server.js';

export { ADMIN_PASSWORD };

/** One running system (demo county) for the browser tests; stopped after the run. */
export default async function setup(project: TestProject) {
  const server = await startServer({ env: { LOG_LEVEL: 'warn' } });
  project.provide('baseUrl', server.base);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
