/** Bilingual text: every message a student may read exists in English and French. */
export interface Text {
  en: string;
  fr: string;
}

export type Lang = keyof Text;

/** French "de" before a name: "de bob", but "d’alice" (elided before a vowel or a mute h). */
export function deFr(word: string): string {
  return /^[aeiouyhàâäéèêëîïôöûüœ]/i.test(word) ? `d’${word}` : `de ${word}`;
}
