/** Bilingual text: every message a student may read exists in English and French. */
export interface Text {
  en: string;
  fr: string;
}

export type Lang = keyof Text;

/** Pick the user's language: an explicit choice, else LANG/LC_ALL starting with "fr". */
export function detectLang(explicit?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  const wanted = explicit || env.LC_ALL || env.LC_MESSAGES || env.LANG || ''; // empty means unset
  return wanted.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** French "de" before a name: "de bob", but "d’alice" (elided before a vowel or a mute h). */
export function deFr(word: string): string {
  return /^[aeiouyhàâäéèêëîïôöûüœ]/i.test(word) ? `d’${word}` : `de ${word}`;
}
