import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'steps/02-broadcast',
  todos: [
    {
      file: 'server.ts',
      after: 'const clients: net.Socket[] = [];',
      text: {
        en: "Keep each client's nickname too, at the same index, in a nicknames list.",
        fr: 'Gardez aussi le pseudo de chaque client, au même indice, dans une liste nicknames.',
      },
    },
    {
      file: 'server.ts',
      before: "socket.write('Connected to the server');",
      text: {
        en: 'Send "NICK" first, and nothing else. The first chunk received is the nickname (socket.once(\'data\', ...)): only then add the client and its nickname to the lists, broadcast "<nick> has joined the chat room", and send "Connected to the server" to the newcomer. Relay its later messages as before.',
        fr: "Envoyez d’abord « NICK », et rien d’autre. Le premier morceau reçu est le pseudo (socket.once('data', ...)) : alors seulement, ajoutez le client et son pseudo aux listes, diffusez « <pseudo> has joined the chat room » et envoyez « Connected to the server » au nouveau venu. Relayez ses messages suivants comme avant.",
      },
    },
    {
      file: 'server.ts',
      before: "socket.on('close', () => clients.splice(clients.indexOf(socket), 1));",
      text: {
        en: 'Remove the nickname too, at the same index. A client that leaves before sending its nickname is in no list: indexOf() returns -1.',
        fr: 'Retirez aussi le pseudo, au même indice. Un client qui part avant d’envoyer son pseudo n’est dans aucune liste : indexOf() renvoie -1.',
      },
    },
    {
      file: 'client.ts',
      before: 'const client = net.connect(port, host);',
      text: {
        en: "Ask for a nickname before connecting ('choose a nickname: '), with question() from node:readline/promises.",
        fr: "Demandez un pseudo avant de vous connecter ('choose a nickname: '), avec question() de node:readline/promises.",
      },
    },
    {
      file: 'client.ts',
      before: 'console.log(data.toString());',
      text: {
        en: 'When the data received is exactly "NICK", answer with the nickname alone instead of printing it.',
        fr: 'Quand les données reçues valent exactement « NICK », répondez par le pseudo seul au lieu de les afficher.',
      },
    },
    {
      file: 'client.ts',
      before: 'client.write(line);',
      text: {
        en: 'Sign each message: "<nickname>: <line>".',
        fr: 'Signez chaque message : « <pseudo>: <ligne> ».',
      },
    },
  ],
};
