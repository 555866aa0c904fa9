import { Chalk, type ChalkInstance } from 'chalk';

export type Style = ChalkInstance;

/**
 * Colours for a terminal, none for a pipe or a file, and none when NO_COLOR is
 * set (https://no-color.org); FORCE_COLOR=1 forces them.
 */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const off = (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || !stream.isTTY;
  return new Chalk({ level: forced || !off ? 1 : 0 });
}

/** No colours at all: for tests and files. */
export const plain: Style = new Chalk({ level: 0 });
