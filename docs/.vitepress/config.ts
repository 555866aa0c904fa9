// The course site: English at the root of docs/, French under docs/fr/ with
// the same paths. `npm run docs` serves it, `npm run docs:build` builds it and
// fails on a dead link or on a code region that does not exist.
import { defineConfig, type DefaultTheme, type MarkdownRenderer } from 'vitepress';
import { nav, sidebar } from './navigation.ts';
import { regionProblem } from './regions.ts';
import { highlightSpec, listing } from './listings.ts';

const listingText = {
  en: {
    lines: (first: number, last: number) => `lines ${first}–${last}`,
    changed: (previous: string) => `highlighted: new or changed since ${previous}`,
    whole: (rel: string, total: number) => `The whole file, ${rel} (${total} lines)`,
  },
  fr: {
    lines: (first: number, last: number) => `lignes ${first} à ${last}`,
    changed: (previous: string) => `en couleur\u00a0: ce qui est nouveau ou modifié depuis ${previous}`,
    whole: (rel: string, total: number) => `Le fichier entier, ${rel} (${total}\u00a0lignes)`,
  },
};

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Every `<<< file#region` import:
 * - fails the build when the region does not exist (VitePress would show the whole file);
 * - is captioned with its file's path and the lines it shows;
 * - highlights, on a step's page, the lines new or changed since the previous step;
 * - offers the whole file, highlighted the same way, in a collapsed <details>.
 */
function listings(md: MarkdownRenderer) {
  const fence = md.renderer.rules.fence;
  if (!fence) throw new Error('VitePress has no fence renderer: cannot check code regions');
  md.renderer.rules.fence = (tokens, index, options, env: { relativePath?: string }, self) => {
    const token = tokens[index];
    // VitePress's snippet plugin stores [file, region] on the token, outside markdown-it's types.
    const src = (token as { src?: [string, string?] } | undefined)?.src;
    if (!token || !src) return fence(tokens, index, options, env, self);
    const [file, region] = src;
    if (region) {
      const problem = regionProblem(file, region);
      if (problem) throw new Error(`Code import <<< …#${region}: ${problem}`);
    }
    const text = listingText[env.relativePath?.startsWith('fr/') ? 'fr' : 'en'];
    const shown = listing(file, region);
    const info = token.info;
    const render = (regionName: string | undefined, highlight: number[]) => {
      const copy = Object.assign(Object.create(Object.getPrototypeOf(token) as object) as typeof token, token, {
        src: regionName ? [file, regionName] : [file],
        info: highlight.length > 0 ? info.replace(/^(\w+)/, `$1{${highlightSpec(highlight)}}`) : info,
      });
      const copies = [...tokens];
      copies[index] = copy;
      return fence(copies, index, options, env, self);
    };
    const caption = [
      `<span class="listing-file">${escapeHtml(shown.rel)}</span>`,
      region ? `<span class="listing-lines">${text.lines(shown.first, shown.last)}</span>` : '',
      shown.highlight.length > 0 && shown.previous ? `<span class="listing-changed">${escapeHtml(text.changed(shown.previous))}</span>` : '',
    ].join('');
    const whole = region
      ? `<details class="listing-whole"><summary>${escapeHtml(text.whole(shown.rel, shown.total))}</summary>${render(undefined, shown.highlightWhole)}</details>`
      : '';
    return `<figure class="listing" data-file="${escapeHtml(shown.rel)}"><figcaption class="listing-caption">${caption}</figcaption>${render(region, shown.highlight)}${whole}</figure>`;
  };
}

/**
 * Where the site is served: '/' by default and for `npm run docs`; the Pages
 * workflow sets DOCS_BASE=/<repository>/, since GitHub serves a project's site
 * under its name. VitePress prefixes its own links and assets, not `head`.
 */
const base = process.env.DOCS_BASE || '/';
if (!/^\/(.*\/)?$/.test(base)) throw new Error(`DOCS_BASE must start and end with "/", like /chatroom/: got "${base}"`);

const frenchSearch: DefaultTheme.LocalSearchOptions['translations'] = {
  button: { buttonText: 'Rechercher', buttonAriaLabel: 'Rechercher' },
  modal: {
    displayDetails: 'Afficher la liste détaillée',
    resetButtonTitle: 'Effacer la recherche',
    backButtonTitle: 'Fermer la recherche',
    noResultsText: 'Aucun résultat pour',
    footer: {
      selectText: 'choisir',
      selectKeyAriaLabel: 'Entrée',
      navigateText: 'naviguer',
      navigateUpKeyAriaLabel: 'flèche vers le haut',
      navigateDownKeyAriaLabel: 'flèche vers le bas',
      closeText: 'fermer',
      closeKeyAriaLabel: 'Échap',
    },
  },
};

export default defineConfig({
  title: 'Chatroom',
  base,
  cleanUrls: true,
  lastUpdated: true,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: `${base}favicon.svg` }]],
  markdown: {
    config: listings,
  },
  locales: {
    root: {
      label: 'English',
      lang: 'en-US',
      description: 'Learn TCP sockets by building a chatroom in TypeScript, step by step.',
      themeConfig: {
        nav: nav('en'),
        sidebar: sidebar('en'),
        outline: { level: [2, 3], label: 'On this page' },
        footer: { message: 'Learn TCP sockets by building a chatroom, in English and French.' },
      },
    },
    fr: {
      label: 'Français',
      lang: 'fr-FR',
      link: '/fr/',
      description: 'Apprendre les sockets TCP en construisant un salon de discussion en TypeScript, pas à pas.',
      themeConfig: {
        nav: nav('fr'),
        sidebar: sidebar('fr'),
        outline: { level: [2, 3], label: 'Sur cette page' },
        docFooter: { prev: 'Page précédente', next: 'Page suivante' },
        // VitePress writes "<text>: <date>": the no-break space goes in the text.
        lastUpdated: { text: 'Mis à jour le\u00a0' },
        langMenuLabel: 'Changer de langue',
        returnToTopLabel: 'Retour en haut',
        sidebarMenuLabel: 'Menu',
        darkModeSwitchLabel: 'Apparence',
        lightModeSwitchTitle: 'Passer au thème clair',
        darkModeSwitchTitle: 'Passer au thème sombre',
        skipToContentLabel: 'Aller au contenu',
        notFound: {
          title: 'PAGE INTROUVABLE',
          quote: 'Cette adresse ne mène à aucune page\u00a0: aucun serveur n’écoute sur ce port.',
          linkLabel: 'aller à l’accueil',
          linkText: 'Retour à l’accueil',
        },
        footer: { message: 'Apprendre les sockets TCP en construisant un salon de discussion, en français et en anglais.' },
      },
    },
  },
  themeConfig: {
    search: {
      provider: 'local',
      options: { locales: { fr: { translations: frenchSearch } } },
    },
    notFound: {
      quote: 'Nothing is listening at this address: no page on this port.',
    },
  },
});
