import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CheckFailure } from './failure.ts';
import { Lab } from './lab.ts';
import { canBind } from './network.ts';
import { compileFailure, lastWords, thrown } from './start-failure.ts';
import { pythonCommand, type Target } from './target.ts';
import type { Text } from './text.ts';

/** Something a check cannot run without. */
export type Need = 'server' | 'client' | 'python3' | 'ipv6' | 'openssl' | 'signals' | 'procfs';

/** One behaviour of a step, checked black-box over TCP. */
export interface Check {
  /** Short stable name, used by snapshots and progress files. */
  id: string;
  /** The behaviour, as one line a student reads: "broadcasts to every client". */
  title: Text;
  /** What to look at when it fails. */
  hint: Text;
  needs: Need[];
  run(lab: Lab): Promise<void>;
}

export type Outcome = { status: 'pass' } | { status: 'skip'; reason: Text; need: Need } | { status: 'fail'; failure: CheckFailure };

/** Longest time one check may take, everything included. */
export const CHECK_TIMEOUT_MS = 30000;

const available = new Map<Need, Promise<boolean>>();
function has(need: Need): Promise<boolean> {
  if (!available.has(need)) {
    if (need === 'python3') available.set(need, Promise.resolve(pythonCommand() !== null));
    else if (need === 'ipv6') available.set(need, canBind('::1'));
    else if (need === 'signals') available.set(need, Promise.resolve(process.platform !== 'win32'));
    else if (need === 'procfs')
      available.set(need, Promise.resolve(existsSync('/proc/self/status'))); // a process's memory, on Linux
    else if (need === 'openssl')
      available.set(need, Promise.resolve(spawnSync('openssl', ['version']).status === 0)); // checks that drive openssl s_client
    else available.set(need, Promise.resolve(true));
  }
  return available.get(need)!;
}

const missing: Record<Need, Text> = {
  server: { en: 'no server to check', fr: 'pas de serveur à vérifier' },
  client: { en: 'no client to check', fr: 'pas de client à vérifier' },
  python3: { en: 'Python 3 is not installed (python3, python or py -3)', fr: 'Python 3 n’est pas installé (python3, python ou py -3)' },
  ipv6: { en: 'IPv6 loopback (::1) is not available on this machine', fr: 'la boucle locale IPv6 (::1) n’existe pas sur cette machine' },
  openssl: { en: 'the openssl command is not installed', fr: 'la commande openssl n’est pas installée' },
  // Windows has no signals between programs: taskkill ends one at once, so no handler runs.
  signals: {
    en: 'Windows cannot send Ctrl+C to another program: try it by hand, Ctrl+C in the server’s window',
    fr: 'Windows ne sait pas envoyer Ctrl+C à un autre programme : essayez à la main, Ctrl+C dans la fenêtre du serveur',
  },
  procfs: {
    en: 'the server’s memory is read from /proc, which only Linux has',
    fr: 'la mémoire du serveur se lit dans /proc, que seul Linux possède',
  },
};

/** Run one check against a target: pass, fail with what was seen, or skip with why. */
export async function runCheck(check: Check, target: Target): Promise<Outcome> {
  for (const need of check.needs) {
    if ((need === 'server' && !target.server) || (need === 'client' && !target.client) || !(await has(need))) {
      return { status: 'skip', reason: missing[need], need };
    }
  }
  const lab = new Lab(target);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.run(lab),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new CheckFailure({
                en: `the check did not finish within ${CHECK_TIMEOUT_MS / 1000} s`,
                fr: `la vérification n’a pas fini en ${CHECK_TIMEOUT_MS / 1000} s`,
              }),
            ),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'pass' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure = error instanceof CheckFailure ? error : new CheckFailure({ en: message, fr: message });
    // A program under test that crashed explains most failures: show how it ended.
    const stopped = await lab.stoppedProgram();
    const uncompiled = stopped?.exit && !failure.detail.startFailure ? compileFailure(stopped) : undefined;
    if (uncompiled) return { status: 'fail', failure: uncompiled };
    if (stopped?.exit && !failure.detail.output && !failure.detail.stopped && !failure.detail.startFailure) {
      const lastLines = lastWords(stopped.output.all.toString());
      failure.detail.stopped = { who: stopped.output.who, code: stopped.exit.code, signal: stopped.exit.signal, lastLines };
      failure.message += `\nthe ${stopped.output.who} stopped during the check; its last lines:\n${lastLines}`;
    } else if (!stopped && !failure.detail.output && !failure.detail.startFailure) {
      // Still running, but an exception went by: a Python thread that died, say.
      const noisy = lab.programsUnderTest.find((program) => thrown(program.output.all.toString()));
      if (noisy) {
        failure.detail.printedError = { who: noisy.output.who, lastLines: lastWords(noisy.output.all.toString()) };
        failure.message += `\nthe ${noisy.output.who} printed an error:\n${failure.detail.printedError.lastLines}`;
      }
    }
    return { status: 'fail', failure };
  } finally {
    clearTimeout(timer);
    await lab.cleanup();
  }
}
