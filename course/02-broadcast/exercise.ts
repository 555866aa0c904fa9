import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'steps/01-socket',
  todos: [
    {
      file: 'server.ts',
      before: 'const server = net.createServer((socket) => {',
      text: {
        en: 'Keep every connected client in a list (const clients: net.Socket[] = []), and write a broadcast(message) function that writes the message to each of them, the sender included.',
        fr: 'Gardez chaque client connecté dans une liste (const clients: net.Socket[] = []), et écrivez une fonction broadcast(message) qui écrit le message à chacun, l’expéditeur compris.',
      },
    },
    {
      file: 'server.ts',
      after: "socket.write('Connected to the server');",
      text: {
        en: "Add this socket to the list. On each 'data' event, broadcast the message; on 'close', remove the socket from the list.",
        fr: "Ajoutez ce socket à la liste. À chaque événement 'data', diffusez le message ; sur 'close', retirez le socket de la liste.",
      },
    },
    {
      file: 'client.ts',
      before: "client.on('error', (err: NodeJS.ErrnoException) => {",
      text: {
        en: 'Read the keyboard line by line (readline.createInterface({ input: process.stdin }), from node:readline) and write each line to the socket.',
        fr: 'Lisez le clavier ligne par ligne (readline.createInterface({ input: process.stdin }), de node:readline) et écrivez chaque ligne sur le socket.',
      },
    },
  ],
};
