import path from 'node:path';

/** Runtime configuration, read once from the environment. Every knob is documented in README.md. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** External PostgreSQL; when absent the embedded server in `<dataDir>/pg` is used. */
  databaseUrl?: string;
  /** Port of the embedded PostgreSQL server. */
  embeddedPgPort: number;
  demo: boolean;
  adminPassword?: string;
  countyName: string;
  /** Served static web build. */
  webDir: string;
  secureCookies: boolean;
  logLevel: string;
  /**
   * Whether X-Forwarded-For names the client (only behind a reverse proxy that sets it). Off by default: otherwise a
   * client forges the header and dodges per-address limits (the public survey endpoints).
   */
  trustProxy: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.TISHENG_DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: Number(env.TISHENG_PG_PORT ?? 54329),
    demo: env.TISHENG_DEMO !== '0',
    adminPassword: env.TISHENG_ADMIN_PASSWORD || undefined,
    countyName: env.TISHENG_COUNTY_NAME ?? '示范县',
    webDir: path.resolve(env.TISHENG_WEB_DIR ?? 'dist/web'),
    secureCookies: env.TISHENG_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TISHENG_TRUST_PROXY === '1',
  };
}
