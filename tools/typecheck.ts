// TypeScript exercises live outside tsconfig.json (exercises/ is git-ignored),
// so the type checker never sees them: verify runs tsc on the student's .ts
// files, in a child process beside the checks, and reports each type error on
// its own line. The programs still run (tsx strips types): errors are advice.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, shown } from '../checker/target.ts';

/** The TypeScript files among a run's programs: the last word of a tsx command. */
export function typeScriptFiles(files: (string | undefined)[]): string[] {
  return files.filter((file): file is string => file !== undefined && /\.m?ts$/.test(file));
}

/**
 * Type-check `files` with the course's own compiler options; returns one
 * line per error ("server.ts:12:7 TS2322: Type 'string' is not..."), none
 * when the types are right or tsc cannot run.
 */
export async function typeCheck(files: string[], timeoutMs = 60000): Promise<string[]> {
  if (files.length === 0) return [];
  const dir = mkdtempSync(path.join(tmpdir(), 'chatroom-tsc-'));
  const config = path.join(dir, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.json'),
      // ESM wherever the files are (outside the repository, no package.json says "module").
      compilerOptions: {
        typeRoots: [path.join(ROOT, 'node_modules/@types')],
        types: ['node'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        noEmit: true,
        incremental: false,
      },
      files,
      include: [],
    }),
  );
  try {
    const output = await new Promise<string>((resolve) => {
      const tsc = spawn(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config, '--pretty', 'false'], { cwd: ROOT });
      let out = '';
      tsc.stdout.on('data', (chunk: Buffer) => (out += chunk));
      const timer = setTimeout(() => tsc.kill('SIGKILL'), timeoutMs);
      tsc.on('close', () => {
        clearTimeout(timer);
        resolve(out);
      });
      tsc.on('error', () => resolve(''));
    });
    // "exercises/02-broadcast/server.ts(12,7): error TS2322: Type ..."
    return (
      [...output.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.+)$/gm)]
        // TS1xxx are syntax errors: the program did not compile, and the report already says so with esbuild's words.
        .filter(([, , , , code]) => !/^TS1\d{3}$/.test(code!))
        .map(([, file, line, column, code, message]) => `${shown(path.resolve(ROOT, file!))}:${line}:${column} ${code}: ${message}`)
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
