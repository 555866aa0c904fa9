import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

/**
 * Compile TypeScript programs into plain .mjs files that node starts without
 * tsx (which costs about half a second of CPU: it loads esbuild). Each entry
 * point is bundled with the repository's own modules; packages (chalk,
 * ioredis...) still load from node_modules, as with tsx. Without `outbase`,
 * esbuild places each output by the common folder of the entry points.
 * `npm run build` (tools/build.ts) makes dist/*.js the same way.
 */
export async function compile(entryPoints: BuildOptions['entryPoints'], outdir: string, outbase?: string, extension = '.mjs'): Promise<void> {
  await build({
    entryPoints,
    outdir,
    ...(outbase !== undefined && { outbase }),
    outExtension: { '.js': extension },
    bundle: true,
    // A dynamic import() stays lazy (final/ loads its Redis client only with
    // --redis): esbuild puts it in a chunk of its own, next to the entries.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
}

/**
 * Compile the .ts programs of each folder into `outdir/<folder name>/*.mjs`,
 * as prebuild.ts does for the reference programs: for tests that start the
 * same programs many times. Returns the compiled folders, in the same order.
 */
export async function compileFolders(folders: string[], outdir: string): Promise<string[]> {
  await compile(
    folders.flatMap((folder) =>
      readdirSync(folder)
        .filter((name) => name.endsWith('.ts'))
        .map((name) => ({ in: path.join(folder, name), out: path.join(path.basename(folder), name.replace(/\.ts$/, '')) })),
    ),
    outdir,
  );
  return folders.map((folder) => path.join(outdir, path.basename(folder)));
}
