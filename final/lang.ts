/** The languages the chatroom and the course's tools speak, and how a user's is found. */
export type Lang = 'en' | 'fr';

/** The language to speak: an explicit choice (--lang), else LC_ALL / LC_MESSAGES / LANG starting with "fr". */
export function pickLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const wanted = explicit || env.LC_ALL || env.LC_MESSAGES || env.LANG || ''; // empty means unset
  return wanted.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
