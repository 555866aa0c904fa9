import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/09-rename-quit/reference',
  todos: [
    {
      file: 'server.ts',
      before: '(bytes) => onLine(client, bytes.toString()),',
      text: {
        en: 'Check the bytes before decoding them (isUtf8 from node:buffer): a line that is not valid UTF-8 gets "*** error bad-utf8" and nothing of it goes further. Then remove whole ANSI escape sequences (ESC [ ... letter, ESC ] ... BEL), every other C0/C1 control and DEL, and the bidi characters U+202A-U+202E and U+2066-U+2069; a tab becomes a space.',
        fr: 'Vérifiez les octets avant de les décoder (isUtf8 de node:buffer) : une ligne qui n’est pas de l’UTF-8 valide reçoit « *** error bad-utf8 » et rien n’en va plus loin. Retirez ensuite les séquences ANSI entières (ESC [ ... lettre, ESC ] ... BEL), tout autre contrôle C0/C1 et DEL, et les caractères bidi U+202A-U+202E et U+2066-U+2069 ; une tabulation devient une espace.',
      },
    },
  ],
};
