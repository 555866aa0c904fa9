import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/05-notices/reference',
  todos: [
    {
      file: 'server.ts',
      after: 'const port = Number(process.env.PORT ?? 55555);',
      text: {
        en: 'Read MAX_LINE from the environment: the longest line accepted, in bytes, 1024 by default.',
        fr: 'Lisez MAX_LINE dans l’environnement : la plus longue ligne acceptée, en octets, 1024 par défaut.',
      },
    },
    {
      file: 'server.ts',
      before: "socket.once('data', (data) => {",
      text: {
        en: 'A chunk is not a message. Keep, per client, the bytes after the last "\\n"; at each \'data\', cut out every complete line and drop a "\\r" before its "\\n". The first line is the nickname, each later one a message to sign; an empty line says nothing.',
        fr: "Un morceau n’est pas un message. Gardez, par client, les octets qui suivent le dernier « \\n » ; à chaque 'data', découpez chaque ligne complète et retirez le « \\r » avant son « \\n ». La première ligne est le pseudo, chaque suivante un message à signer ; une ligne vide ne dit rien.",
      },
    },
    {
      file: 'server.ts',
      before: "socket.once('data', (data) => {",
      text: {
        en: 'When a line (or the unfinished one) passes MAX_LINE bytes, send "*** error too-long <MAX_LINE>" once, forget its bytes, and skip everything up to its "\\n": never keep more than MAX_LINE bytes of it.',
        fr: 'Quand une ligne (ou la ligne inachevée) dépasse MAX_LINE octets, envoyez une fois « *** error too-long <MAX_LINE> », oubliez ses octets, et sautez tout jusqu’à son « \\n » : n’en gardez jamais plus de MAX_LINE octets.',
      },
    },
  ],
};
