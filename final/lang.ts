/** The languages the chatroom and the course's tools speak, and how a user's is found. */
export type Lang = 'en' | 'fr';

/**
 * The language to speak: an explicit choice (--lang), else LC_ALL /
 * LC_MESSAGES / LANG starting with "fr", else the system's own (Windows sets
 * no LANG: its language comes through Intl).
 */
export function pickLang(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  system = () => Intl.DateTimeFormat().resolvedOptions().locale,
): Lang {
  const wanted = explicit || env.LC_ALL || env.LC_MESSAGES || env.LANG || system(); // empty means unset
  return wanted.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
