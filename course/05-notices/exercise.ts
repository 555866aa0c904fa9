import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'steps/04-threads-async',
  todos: [
    {
      file: 'server.ts',
      before: "socket.write('NICK');",
      text: {
        en: 'From now on every line the server sends ends with "\\n": send "NICK\\n". The client answers "alice\\n": trim the nickname.',
        fr: 'Désormais, chaque ligne envoyée par le serveur finit par « \\n » : envoyez « NICK\\n ». Le client répond « alice\\n » : retirez les blancs autour du pseudo.',
      },
    },
    {
      file: 'server.ts',
      before: 'broadcast(`${nickname} has joined the chat room`);',
      text: {
        en: 'Send "*** welcome <nick> <people in the room, the newcomer included>" to the newcomer alone and "*** joined <nick>" to the others, instead of the manual\'s two texts.',
        fr: 'Envoyez « *** welcome <pseudo> <personnes dans le salon, nouveau venu compris> » au seul nouveau venu et « *** joined <pseudo> » aux autres, à la place des deux textes du manuel.',
      },
    },
    {
      file: 'server.ts',
      before: "socket.on('data', (message) => broadcast(message));",
      text: {
        en: 'Sign each message yourself: broadcast "<nick>: <text>\\n", the text without its line ending, the nickname taken from this connection.',
        fr: 'Signez vous-même chaque message : diffusez « <pseudo>: <texte>\\n », le texte sans sa fin de ligne, le pseudo pris dans cette connexion.',
      },
    },
    {
      file: 'server.ts',
      before: 'broadcast(`${nickname} left the chat !`);',
      text: {
        en: 'Announce "*** left <nick> closed", or "*** left <nick> reset" when the socket emitted \'error\' first (remember it in the \'error\' listener).',
        fr: "Annoncez « *** left <pseudo> closed », ou « *** left <pseudo> reset » si le socket a d’abord émis 'error' (notez-le dans l’écouteur d’'error').",
      },
    },
  ],
};
