/**
 * npm run build: the final chatroom as plain JavaScript, for a computer that
 * installs only the runtime dependencies (no tsx, no TypeScript):
 *
 *   npm run build                      dist/server.js, dist/client.js
 *   npm ci --omit=dev && node dist/server.js --host 0.0.0.0
 *
 * Packages (chalk, ioredis) stay in node_modules; the Redis link stays a
 * separate chunk that the server loads only with --redis.
 *
 *   npm run build [-- --out DIR]
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compile } from '../checker/compile.ts';
import { ROOT } from '../checker/target.ts';

/** Compile final/server.ts and final/client.ts into `out` (emptied first) as server.js and client.js. */
export async function buildFinal(out: string): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  await compile(
    ['server', 'client'].map((name) => ({ in: path.join(ROOT, 'final', `${name}.ts`), out: name })),
    out,
    undefined,
    '.js', // ES modules: package.json says "type": "module"
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(ROOT, 'dist') } } });
  const out = path.resolve(values.out);
  try {
    await buildFinal(out);
    console.log(`Built ${path.join(out, 'server.js')} and ${path.join(out, 'client.js')}.
On the server, with only the runtime dependencies:  npm ci --omit=dev && node ${path.relative(process.cwd(), path.join(out, 'server.js'))}`);
  } catch (error) {
    console.error(`Cannot build: ${(error as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
}
