/**
 * Options of the `npm run cli` commands: `--name value`, `--name=value`, and the flag `--json`. Anything else is an
 * error with a Chinese message (the command prints it with its usage and exits 2).
 */
export function parseCliArgs(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new Error(`未知参数：${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (a === '--json') out.set('json', 'true');
    else if (i + 1 < args.length) out.set(a.slice(2), args[++i]);
    else throw new Error(`参数 ${a} 缺少取值`);
  }
  return out;
}
