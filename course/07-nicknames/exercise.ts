import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/06-lines/reference',
  todos: [
    {
      file: 'server.ts',
      after: 'nick: string;',
      text: {
        en: 'Keep each member\'s key too: the nickname as compared, nick.normalize("NFC").toLowerCase(). Two people with the same key are the same name.',
        fr: 'Gardez aussi la clé de chaque membre : le pseudo tel qu’on le compare, nick.normalize("NFC").toLowerCase(). Deux personnes de même clé ont le même nom.',
      },
    },
    {
      file: 'server.ts',
      after: 'function join(client: Client, nick: string) {',
      text: {
        en: 'Refuse a nickname that is not 1 to 16 letters (any script, with accents: \\p{L}\\p{M}), digits, "_" or "-": send "*** error nick-invalid length" (or "characters" for a bad character), then "NICK" again. Refuse one whose key a member has: "*** error nick-taken <nick>", then "NICK". Compare in NFC.',
        fr: 'Refusez un pseudo qui n’est pas fait de 1 à 16 lettres (toute écriture, accents compris : \\p{L}\\p{M}), chiffres, « _ » ou « - » : envoyez « *** error nick-invalid length » (ou « characters » pour un mauvais caractère), puis à nouveau « NICK ». Refusez celui dont un membre a la clé : « *** error nick-taken <pseudo> », puis « NICK ». Comparez en NFC.',
      },
    },
  ],
};
