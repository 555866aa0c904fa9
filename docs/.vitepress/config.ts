// The course site: English at the root of docs/, French under docs/fr/ with
// the same paths. `npm run docs` serves it, `npm run docs:build` builds it and
// fails on a dead link or on a code region that does not exist.
import { defineConfig, type DefaultTheme, type MarkdownRenderer } from 'vitepress';
import { nav, sidebar } from './navigation.ts';
import { regionProblem } from './regions.ts';

/** Make `<<< file#region` fail the build when the region does not exist. */
function strictRegions(md: MarkdownRenderer) {
  const fence = md.renderer.rules.fence;
  if (!fence) throw new Error('VitePress has no fence renderer: cannot check code regions');
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    // VitePress's snippet plugin stores [file, region] on the token, outside markdown-it's types.
    const src = (tokens[index] as { src?: [string, string?] } | undefined)?.src;
    if (src?.[1]) {
      const problem = regionProblem(src[0], src[1]);
      if (problem) throw new Error(`Code import <<< …#${src[1]}: ${problem}`);
    }
    return fence(tokens, index, options, env, self);
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
    config: strictRegions,
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
        lastUpdated: { text: 'Mis à jour le' },
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
