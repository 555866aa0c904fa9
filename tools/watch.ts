// --watch: run again whenever a program file in the watched places is saved.
import { watch } from 'node:fs';
import { statSync } from 'node:fs';
import path from 'node:path';

const PROGRAM = /\.(ts|mts|js|mjs|py)$/;

/**
 * Run `run` now, then after each save. A save during a run queues one more
 * run. Files are watched through their folder: editors often save by
 * replacing the file, which a watch on the file itself would miss.
 */
export function watchAndRun(places: string[], run: () => Promise<void>): void {
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const start = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      await run();
    } while (again);
    running = false;
  };
  for (const place of places) {
    const folder = statSync(place).isDirectory() ? place : path.dirname(place);
    const only = folder === place ? undefined : path.basename(place);
    watch(folder, (_event, name) => {
      if (!name || !PROGRAM.test(name) || (only && name !== only)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void start(), 200); // one save can fire several events
    });
  }
  void start();
}
