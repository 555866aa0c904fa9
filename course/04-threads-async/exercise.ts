import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'steps/03-nick-handshake',
  todos: [
    {
      file: 'server.ts',
      before: 'clients.splice(index, 1);',
      text: {
        en: 'Read the nickname at this index before removing it; then print "<nick> left the chat !" and broadcast it to the clients still here.',
        fr: 'Lisez le pseudo à cet indice avant de le retirer ; puis affichez « <pseudo> left the chat ! » et diffusez-le aux clients restés là.',
      },
    },
    {
      file: 'client.ts',
      before: "client.on('error', (err: NodeJS.ErrnoException) => {",
      text: {
        en: "When the keyboard closes (Ctrl+D: its 'close' event), end the connection with client.end() and exit with code 0. When the connection closes without you ending it, say so and exit with code 1.",
        fr: "Quand le clavier se ferme (Ctrl+D : son événement 'close'), terminez la connexion avec client.end() et sortez avec le code 0. Quand la connexion se ferme sans que vous l’ayez terminée, dites-le et sortez avec le code 1.",
      },
    },
  ],
};
