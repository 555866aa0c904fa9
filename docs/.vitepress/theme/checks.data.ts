// At build time, read each step's checks (course/index.ts, the list the test
// suite and `npm run verify` use) so that a step page lists what is checked.
import { defineLoader } from 'vitepress';
import { steps } from '../../../course/index.ts';

export interface StepChecks {
  id: string;
  checks: { id: string; title: { en: string; fr: string } }[];
}

declare const data: StepChecks[];
export { data };

/**
 * A check's title as a sentence with its subject: most titles name the
 * server's behaviour without saying "the server" ("sends what one client
 * says…"), which reads fine after `npm run verify`'s "server:" but not in a
 * list on a page.
 */
export function withSubject(title: string, lang: 'en' | 'fr'): string {
  // Titles that already start with their subject, or with a condition ("on SIGTERM…", "TLS: …").
  const hasSubject = lang === 'en' ? /^(\/|--|(the|a|an|ctrl|nicknames|on|after|tls)\b)/i : /^(\/|--|l’|(le|la|les|un|une|ctrl|sur|après|tls)\b)/i;
  const sentence = hasSubject.test(title) ? title : `${lang === 'en' ? 'the server' : 'le serveur'} ${title}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export default defineLoader({
  load(): StepChecks[] {
    return steps.map((step) => ({
      id: step.id,
      checks: step.checks.map((check) => ({ id: check.id, title: { en: withSubject(check.title.en, 'en'), fr: withSubject(check.title.fr, 'fr') } })),
    }));
  },
});
