import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/11-limits/reference',
  todos: [
    {
      file: 'server.ts',
      after: "const MAX_PER_IP = setting('MAX_PER_IP', 10);",
      text: {
        en: 'Read MAX_OUTPUT too: the bytes that may wait for one client, 1 MiB (1048576) by default.',
        fr: 'Lisez aussi MAX_OUTPUT : les octets qui peuvent attendre un client, 1 Mio (1048576) par défaut.',
      },
    },
    {
      file: 'server.ts',
      after: 'function send(client: Client, line: string) {',
      text: {
        en: 'After each write, look at socket.writableLength (the bytes Node keeps because the client does not read). Past MAX_OUTPUT, destroy that socket at once, and have its departure announced as "*** left <nick> too-slow".',
        fr: 'Après chaque écriture, regardez socket.writableLength (les octets que Node garde parce que le client ne lit pas). Au-delà de MAX_OUTPUT, détruisez ce socket tout de suite, et faites annoncer son départ par « *** left <pseudo> too-slow ».',
      },
    },
  ],
};
