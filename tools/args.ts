// The command line of `npm run verify`: a step, then a folder, a file or a
// command, and a few options anywhere before a lone `--`.
import type { Lang } from '../checker/text.ts';

export interface VerifyArgs {
  /** The words after the options: the step, then what to check. */
  words: string[];
  client?: string;
  lang?: Lang;
  /** An unknown --lang value, to report. */
  badLang?: string;
  watch: boolean;
  help: boolean;
  /** --no-record: do not write the result in .progress.json (a teacher checking a class). */
  record: boolean;
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
    else if (name === '--client') args.client = value();
    else if (name === '--lang') {
      const lang = value();
      if (lang === 'en' || lang === 'fr') args.lang = lang;
      else args.badLang = lang;
    } else args.words.push(arg); // a command's own options ("python3 -u") stay in it
  }
  return args;
}
