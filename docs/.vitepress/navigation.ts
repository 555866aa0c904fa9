// The site's map, in both languages: one list drives the nav bar, the sidebar
// and so the "previous / next" links at the bottom of every page.
// To add a page:
//   1. write docs/<path>.md and its French twin docs/fr/<path>.md: same
//      headings, same code blocks and <<< imports, same ::: boxes (French ones
//      with a French title: "::: tip Astuce", "::: details Solution");
//   2. run `npx tsx docs/.vitepress/fix-french.ts docs/fr/<path>.md` to set the
//      French no-break spaces and apostrophes;
//   3. add the page to a section below (a new section goes before Reference);
//   4. `npm run docs:build` (dead links, code regions) and
//      `npx vitest run tests/docs-parity.test.ts` (twins, imports, typography).
// Never list a page that does not exist yet: the parity test fails on it.
import path from 'node:path';
import type { DefaultTheme } from 'vitepress';
import { steps } from '../../course/index.ts';

export type Lang = 'en' | 'fr';
export interface Text {
  en: string;
  fr: string;
}
export interface Page {
  /** The English path, without extension: '/concepts/tcp'. French adds '/fr'. */
  link: string;
  text: Text;
}
export interface Section {
  text: Text;
  items: Page[];
}

/** The steps in steps/, from the course list that the tests and the tools read too. */
const stepPages: Page[] = steps
  .filter((step) => step.dir.startsWith('steps/'))
  .map((step) => ({
    link: `/steps/${path.basename(step.dir)}`,
    text: { en: `${step.id}. ${step.title.en}`, fr: `${step.id}. ${step.title.fr}` },
  }));

/** The challenges after the steps (course/challenges.ts), after their index page. */
const challengePages: Page[] = [
  { link: '/challenges/', text: { en: 'The ten challenges', fr: 'Les dix défis' } },
  ...steps
    .filter((step) => step.challenge)
    .map((step) => ({
      link: `/challenges/${step.name}`,
      text: { en: `${step.id}. ${step.title.en}`, fr: `${step.id}. ${step.title.fr}` },
    })),
];

export const sections: Section[] = [
  {
    text: { en: 'Concepts', fr: 'Notions' },
    items: [
      { link: '/concepts/addresses', text: { en: 'Addresses, ports, sockets', fr: 'Adresses, ports, sockets' } },
      { link: '/concepts/tcp', text: { en: 'TCP: bind, listen, accept', fr: 'TCP\u00a0: bind, listen, accept' } },
      { link: '/concepts/bytes', text: { en: 'Bytes and text', fr: 'Octets et texte' } },
      { link: '/concepts/event-loop', text: { en: 'Threads and the event loop', fr: 'Threads et boucle d’événements' } },
      { link: '/concepts/tls', text: { en: 'TLS: encryption and certificates', fr: 'TLS\u00a0: chiffrement et certificats' } },
    ],
  },
  { text: { en: 'The steps', fr: 'Les étapes' }, items: stepPages },
  { text: { en: 'Challenges', fr: 'Défis' }, items: challengePages },
  // Later sections (the robust chatroom in final/, its protocol, going
  // further, for teachers) go here, before the reference.
  {
    text: { en: 'The final chatroom', fr: 'Le salon final' },
    items: [
      { link: '/final', text: { en: 'The final chatroom', fr: 'Le salon final' } },
      { link: '/protocol', text: { en: 'The protocol', fr: 'Le protocole' } },
    ],
  },
  {
    text: { en: 'Going further', fr: 'Pour aller plus loin' },
    items: [
      { link: '/redis', text: { en: 'Several servers, one room', fr: 'Plusieurs serveurs, un salon' } },
      { link: '/performance', text: { en: 'Performance: the benchmark', fr: 'Performances\u00a0: le banc d’essai' } },
    ],
  },
  {
    text: { en: 'For teachers', fr: 'Pour les enseignants' },
    items: [{ link: '/teachers', text: { en: 'Exercises, and a class on a network', fr: 'Exercices, et une classe en réseau' } }],
  },
  {
    text: { en: 'Reference', fr: 'Référence' },
    items: [{ link: '/glossary', text: { en: 'Glossary EN ↔ FR', fr: 'Glossaire FR ↔ EN' } }],
  },
];

/** '/concepts/tcp' in English, '/fr/concepts/tcp' in French. */
export function localize(link: string, lang: Lang): string {
  if (lang === 'en') return link;
  return link === '/' ? '/fr/' : `/fr${link}`;
}

export function sidebar(lang: Lang): DefaultTheme.SidebarItem[] {
  return sections.map((section) => ({
    text: section.text[lang],
    items: section.items.map((page) => ({ text: page.text[lang], link: localize(page.link, lang) })),
  }));
}

/** The nav bar: each entry opens the first page of its part of the site. */
const navEntries: { text: Text; link: string; activeMatch?: string }[] = [
  { text: { en: 'Concepts', fr: 'Notions' }, link: '/concepts/addresses', activeMatch: '/concepts/' },
  { text: { en: 'Steps', fr: 'Étapes' }, link: stepPages[0]?.link ?? '/', activeMatch: '/steps/' },
  { text: { en: 'Challenges', fr: 'Défis' }, link: '/challenges/', activeMatch: '/challenges/' },
  { text: { en: 'Final chatroom', fr: 'Salon final' }, link: '/final' },
  { text: { en: 'Teachers', fr: 'Enseignants' }, link: '/teachers' },
  { text: { en: 'Glossary', fr: 'Glossaire' }, link: '/glossary' },
];

export function nav(lang: Lang): DefaultTheme.NavItem[] {
  return navEntries.map((entry) => ({
    text: entry.text[lang],
    link: localize(entry.link, lang),
    ...(entry.activeMatch ? { activeMatch: localize(entry.activeMatch, lang) } : {}),
  }));
}

/** Every page of the site, English paths: the parity test checks each exists in both languages. */
export function allPages(): string[] {
  return ['/', ...navEntries.map((entry) => entry.link), ...sections.flatMap((section) => section.items.map((page) => page.link))];
}
