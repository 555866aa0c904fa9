// The command line of `npm run verify` (and of the other tools): a step, then
// a folder, a file or a command, and a few options anywhere before a lone `--`.
import type { Lang } from '../checker/text.ts';

export interface VerifyArgs {
  /** The words after the options: the step, then what to check. */
  words: string[];
  client?: string;
  lang?: Lang;
  /** An unknown --lang value, to report. */
  badLang?: string;
  /** An option that is not one of ours, given before any command it could belong to. */
  unknown?: string;
  watch: boolean;
  help: boolean;
  /** --no-record: do not write the result in .progress.json (a teacher checking a class). */
  record: boolean;
  /** --json / --junit: print the result for a program (CI, an autograder) instead of the report. */
  format?: 'json' | 'junit';
}

export function parseVerifyArgs(argv: string[]): VerifyArgs {
  const args: VerifyArgs = { words: [], watch: false, help: false, record: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s) as [string, string?]) : [arg];
    const value = () => inline ?? argv[++i] ?? '';
    if (arg === '--') {
      args.words.push(...argv.slice(i + 1));
      break;
    } else if (name === '--watch' || arg === '-w') args.watch = true;
    else if (name === '--help' || arg === '-h') args.help = true;
    else if (name === '--no-record') args.record = false;
    else if (name === '--json') args.format = 'json';
    else if (name === '--junit') args.format = 'junit';
    else if (name === '--client') args.client = value();
    else if (name === '--lang') {
      const lang = value();
      if (lang === 'en' || lang === 'fr') args.lang = lang;
      else args.badLang = lang;
    } else if (arg.startsWith('-') && arg !== '-' && args.words.length < 2) {
      // Before the step and its program, an option can only be ours: a typo.
      args.unknown ??= arg;
    } else args.words.push(arg); // a command's own options ("python3 -u") stay in it
  }
  return args;
}
