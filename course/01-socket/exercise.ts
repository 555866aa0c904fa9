import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/01-socket/start',
  todos: [
    {
      file: 'server.ts',
      after: 'const server = net.createServer((socket) => {',
      text: {
        en: 'Print "Connected with <address>:<port>" (socket.remoteAddress, socket.remotePort), send "Connected to the server" to this client, and listen for its \'error\' event: without a listener, one client\'s reset stops the whole server.',
        fr: "Affichez « Connected with <adresse>:<port> » (socket.remoteAddress, socket.remotePort), envoyez « Connected to the server » à ce client, et écoutez son événement 'error' : sans écouteur, la coupure d’un seul client arrête tout le serveur.",
      },
    },
    {
      file: 'server.ts',
      after: '});',
      text: {
        en: "Listen on port and host with server.listen(). If the port is taken (the server's 'error' event, err.code === 'EADDRINUSE'), print one clear line and exit with code 1.",
        fr: "Écoutez sur port et host avec server.listen(). Si le port est pris (événement 'error' du serveur, err.code === 'EADDRINUSE'), affichez une ligne claire et sortez avec le code 1.",
      },
    },
    {
      file: 'client.ts',
      after: 'const port = Number(process.env.PORT ?? 55555);',
      text: {
        en: "Connect to host:port with net.connect() and print each chunk received (data.toString()). If no server answers (err.code === 'ECONNREFUSED'), print one clear line and exit with code 1.",
        fr: "Connectez-vous à host:port avec net.connect() et affichez chaque morceau reçu (data.toString()). Si aucun serveur ne répond (err.code === 'ECONNREFUSED'), affichez une ligne claire et sortez avec le code 1.",
      },
    },
  ],
};
