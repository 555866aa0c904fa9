/**
 * vitest global setup: compile the reference programs once, before the tests.
 * Starting a .ts file with tsx costs about half a second of CPU (it loads
 * esbuild); the suite starts a hundred programs. The same esbuild turns them
 * into plain .mjs files here once, and referenceTarget() runs those.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { compile } from '../checker/compile.ts';
import { PREBUILT_ENV, ROOT } from '../checker/target.ts';

export default async function prebuild(): Promise<void> {
  // The steps, final/, and the challenges' references (a server alone).
  const challenges = readdirSync(path.join(ROOT, 'course')).map((name) => `course/${name}/reference`);
  const dirs = [...readdirSync(path.join(ROOT, 'steps')).map((name) => `steps/${name}`), 'final', ...challenges];
  const outdir = path.join(ROOT, 'node_modules/.cache/chatroom-tests');
  await compile(
    dirs.flatMap((dir) => ['server.ts', 'client.ts'].map((file) => path.join(ROOT, dir, file))).filter((file) => existsSync(file)),
    outdir,
    ROOT,
  );
  process.env[PREBUILT_ENV] = outdir; // the test workers inherit it
}
