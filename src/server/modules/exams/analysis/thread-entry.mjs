// Entry of the analysis worker thread. Plain JavaScript: a worker thread starts without the parent's TypeScript
// loader (Node 20 does not pass module.register hooks on to workers), so it registers tsx itself, as
// scripts/start.mjs does for the server, and only then loads the TypeScript worker code.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
