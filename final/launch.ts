/**
 * How the user starts the server and the client, as the hints and --help say
 * it: the npm scripts in a clone of the repository, or `node dist/...js` in a
 * copy built by `npm run build`, where `npm start` would find no tsx.
 */
import path from 'node:path';

/**
 * V8's flags for the server, in `npm start` and in a built copy's command.
 * A join burst makes V8 grow its young generation to 16 MiB semi-spaces,
 * which it keeps while the room sits idle: 2 MiB costs at most a few per cent
 * of CPU in the benchmark and saves about 2 KiB per connection while a crowd
 * arrives, 3.4 KiB once the room is idle
 * (docs/performance.md, "A smaller young generation").
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2'];

/** How to start it, and another way if any. */
export interface Usage {
  command: string;
  alternative?: string;
}

/** The first line of --help after "Usage:": "npm start -- [options]      (or: npx tsx final/server.ts [options])"; `or` in the reader's language. */
export function usageLine({ command, alternative }: Usage, or: string): string {
  return alternative ? `${command}      (${or} ${alternative})` : command;
}

export interface Launch {
  /** The command that starts `program` with `options` (" --host x", or ""). */
  command(program: 'server' | 'client', options?: string): string;
  /** How --help says to start it: "npm start -- [options]", and another way, "npx tsx final/server.ts [options]", if any. */
  usage(program: 'server' | 'client'): Usage;
}

/** `entry` is the script node runs (process.argv[1]): a .js file only in a built copy. */
export function launch(entry = process.argv[1] ?? '', cwd = process.cwd()): Launch {
  if (entry.endsWith('.js')) {
    const file = (program: string) => path.join(path.relative(cwd, path.dirname(entry)) || '.', `${program}.js`);
    const node = (program: 'server' | 'client') => ['node', ...(program === 'server' ? SERVER_NODE_FLAGS : []), file(program)].join(' ');
    return {
      command: (program, options = '') => `${node(program)}${options}`,
      usage: (program) => ({ command: `${node(program)} [options]` }),
    };
  }
  const script = { server: 'npm start', client: 'npm run client' };
  return {
    command: (program, options = '') => `${script[program]}${options ? ` --${options}` : ''}`,
    usage: (program) => ({ command: `${script[program]} -- [options]`, alternative: `npx tsx final/${program}.ts [options]` }),
  };
}
