import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Uploaded files, stored outside the web root under their content hash (sha256), so the same file uploaded
 * twice is stored once and a name can never point outside the folder. On several app nodes the folder is
 * shared storage (see docs/operations.md).
 */
export class FileStore {
  constructor(private readonly dir: string) {}

  async put(content: Buffer): Promise<string> {
    const hash = createHash('sha256').update(content).digest('hex');
    const file = this.pathOf(hash);
    if (!existsSync(file)) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, content);
      await fs.rename(tmp, file); // atomic: a reader never sees half a file
    }
    return hash;
  }

  get(hash: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(hash));
  }

  private pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad file hash');
    return path.join(this.dir, hash.slice(0, 2), hash);
  }
}
