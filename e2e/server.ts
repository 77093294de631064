import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts the whole system in a child process exactly as `npm start` does (built web app, embedded PostgreSQL,
 * demo county on first start) on a spare port with a temporary data directory. Used by the browser tests, the
 * crash test and the benchmarks (whose load generator must not share the server's event loop).
 * `start()` may be called again after `kill()` to start on the same data directory (a restart).
 */
export const ADMIN_PASSWORD = 'E2e-admin-2025';

export interface RunningServer {
  base: string;
  dataDir: string;
  adminPassword: string;
  pid: number;
  /** SIGKILL of the node process only, as a crash: its PostgreSQL is left running. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(
  opts: { env?: Record<string, string>; dataDir?: string; port?: number } = {},
): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'tisheng-server-'));
  const port = opts.port ?? 3700 + ((process.pid * 7 + Math.floor(Math.random() * 1000)) % 250);
  const env = opts.env ?? {};
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TISHENG_DATA_DIR: dataDir,
      TISHENG_PG_PORT: String(57000 + (port % 1000)),
      TISHENG_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error('server did not start within 300 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  const exited = new Promise((r) => child.once('exit', r));
  return {
    base,
    dataDir,
    adminPassword: ADMIN_PASSWORD,
    pid: child.pid!,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The p-th percentile (0–100) of a sample, by the nearest-rank method. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
