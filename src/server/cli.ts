import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config.js';
import { examAnalyzeCommand } from './modules/exams/cli-exam.js';
import { fitnessScoreCommand } from './modules/health/cli-fitness.js';

/**
 * `npm run cli -- <command>`: operator commands.
 * - `db-url`: prints the connection URL of the database the server uses (DATABASE_URL, or the embedded
 *   server's, read from the data directory) — for pg_dump/pg_restore/psql, see docs/operations.md.
 */
const commands: Record<string, (args: string[]) => Promise<number>> = {
  async 'db-url'() {
    const config = loadConfig();
    if (config.databaseUrl) {
      console.log(config.databaseUrl);
      return 0;
    }
    const passwordFile = path.join(config.dataDir, 'tisheng-password');
    if (!existsSync(passwordFile)) {
      console.error(`no embedded database in ${config.dataDir} (start the server once with npm start)`);
      return 1;
    }
    const password = readFileSync(passwordFile, 'utf8').trim();
    console.log(`postgres://tisheng:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPgPort}/postgres`);
    return 0;
  },
  'fitness-score': fitnessScoreCommand,
  'exam-analyze': examAnalyzeCommand,
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(`usage: npm run cli -- <${Object.keys(commands).join('|')}> [options]`);
  process.exit(2);
}
process.exit(await command(args));
