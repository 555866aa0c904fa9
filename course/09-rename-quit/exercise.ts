import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/08-commands/reference',
  todos: [
    {
      file: 'server.ts',
      before: "case 'help':",
      text: {
        en: '/nick <new>: refuse the name as at the handshake (refusal()), but without asking NICK again; else broadcast "*** renamed <old> <new>" and take it. /quit [<reason>]: remember the reason, end the socket, and destroy it if it is still open 2 s later.',
        fr: '/nick <nouveau> : refusez le nom comme à la poignée de main (refusal()), mais sans redemander NICK ; sinon diffusez « *** renamed <ancien> <nouveau> » et prenez-le. /quit [<raison>] : notez la raison, fermez le socket, et détruisez-le s’il est encore ouvert 2 s plus tard.',
      },
    },
    {
      file: 'server.ts',
      before: 'broadcast(`*** left ${client.nick} ${reason}`);',
      text: {
        en: 'After /quit, announce "*** left <nick> quit :<reason>" ("*** left <nick> quit" with no reason), once, when the connection closes.',
        fr: 'Après /quit, annoncez « *** left <pseudo> quit :<raison> » (« *** left <pseudo> quit » sans raison), une fois, à la fermeture de la connexion.',
      },
    },
  ],
};
