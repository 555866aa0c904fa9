import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/07-nicknames/reference',
  todos: [
    {
      file: 'server.ts',
      before: 'broadcast(`${client.nick}: ${line}`);',
      text: {
        en: 'A line that starts with "/" is a command (its name ignores case): answer it instead of relaying it. "//text" is the message "/text". An unknown command: "*** error unknown-command <name>" to its sender only.',
        fr: 'Une ligne qui commence par « / » est une commande (son nom ignore la casse) : répondez-y au lieu de la relayer. « //texte » est le message « /texte ». Une commande inconnue : « *** error unknown-command <nom> » à son seul auteur.',
      },
    },
    {
      file: 'server.ts',
      before: 'function join(client: Client, nick: string) {',
      text: {
        en: 'The commands: /list answers "*** online <nicks, sorted>"; /me <action> sends "* <nick> <action>" to all; /msg <nick> <text> sends "<from> -> <to>: <text>" to the recipient and the sender only ("*** error no-such-nick <nick>" if nobody has it); /help sends "*** help <command> :<usage>", one line per command.',
        fr: 'Les commandes : /list répond « *** online <pseudos, triés> » ; /me <action> envoie « * <pseudo> <action> » à tous ; /msg <pseudo> <texte> envoie « <de> -> <à>: <texte> » au seul destinataire et à l’expéditeur (« *** error no-such-nick <pseudo> » s’il n’existe pas) ; /help envoie « *** help <commande> :<usage> », une ligne par commande.',
      },
    },
  ],
};
