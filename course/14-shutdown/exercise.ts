import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/13-timeouts/reference',
  todos: [
    {
      file: 'server.ts',
      before: 'function setting(name: string, fallback: number): number {',
      text: {
        en: 'Every setting is also an option: --max-line 2048 wins over MAX_LINE=2048 (parseArgs from node:util), and --host, --port. --help lists them and exits with 0; an unknown option or a value that is not a number: one line that names it, exit code 2.',
        fr: 'Chaque réglage est aussi une option : --max-line 2048 l’emporte sur MAX_LINE=2048 (parseArgs de node:util), ainsi que --host et --port. --help les liste et sort avec 0 ; une option inconnue ou une valeur qui n’est pas un nombre : une ligne qui la nomme, code de sortie 2.',
      },
    },
    {
      file: 'server.ts',
      before: "/** One connection: its nickname is '' until the handshake is over. */",
      text: {
        en: 'Log each event on one line that starts with the time, new Date().toISOString(): a join with the nickname, a leave with the nickname and the reason. Never what is said in a /msg.',
        fr: 'Journalisez chaque événement sur une ligne qui commence par l’heure, new Date().toISOString() : une arrivée avec le pseudo, un départ avec le pseudo et la raison. Jamais ce qui se dit dans un /msg.',
      },
    },
    {
      file: 'server.ts',
      before: 'server.listen(port, host, () => {',
      text: {
        en: 'On SIGINT (Ctrl+C) and SIGTERM: send "*** shutdown" to every client, close every connection (quit() gives each 2 s) and the server, announce no departure, and exit with code 0 once the last connection is closed.',
        fr: 'Sur SIGINT (Ctrl+C) et SIGTERM : envoyez « *** shutdown » à chaque client, fermez chaque connexion (quit() donne 2 s à chacune) et le serveur, n’annoncez aucun départ, et sortez avec le code 0 une fois la dernière connexion fermée.',
      },
    },
  ],
};
