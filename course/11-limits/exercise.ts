import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/10-clean-text/reference',
  todos: [
    {
      file: 'server.ts',
      after: "const MAX_LINE = setting('MAX_LINE', 1024);",
      text: {
        en: 'Read FLOOD_BURST (10), FLOOD_RATE (1 line per second), MAX_CLIENTS (1000) and MAX_PER_IP (10) the same way.',
        fr: 'Lisez de même FLOOD_BURST (10), FLOOD_RATE (1 ligne par seconde), MAX_CLIENTS (1000) et MAX_PER_IP (10).',
      },
    },
    {
      file: 'server.ts',
      before: "const client: Client = { socket, nick: '', key: '' };",
      text: {
        en: 'Before anything else: with MAX_CLIENTS connections already, send "*** error server-full" and close; with MAX_PER_IP from this socket.remoteAddress, "*** error too-many-connections".',
        fr: 'Avant tout : s’il y a déjà MAX_CLIENTS connexions, envoyez « *** error server-full » et fermez ; s’il y en a MAX_PER_IP depuis ce socket.remoteAddress, « *** error too-many-connections ».',
      },
    },
    {
      file: 'server.ts',
      after: "if (line === '') return; // an empty line says nothing",
      text: {
        en: 'A token bucket per client: FLOOD_BURST tokens at first, FLOOD_RATE more per second (never above FLOOD_BURST). Each line takes one; with none left, drop the line, and send "*** error flood <seconds until the next token>" once per flood.',
        fr: 'Un seau à jetons par client : FLOOD_BURST jetons au départ, FLOOD_RATE de plus par seconde (jamais plus de FLOOD_BURST). Chaque ligne en prend un ; s’il n’y en a plus, jetez la ligne, et envoyez une seule fois par rafale « *** error flood <secondes avant le prochain jeton> ».',
      },
    },
  ],
};
