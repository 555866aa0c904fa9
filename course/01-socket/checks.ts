// Step 01: a server that listens and accepts; a client that connects and prints.
import net from 'node:net';
import type { Check } from '../../checker/check.ts';
import { freePort } from '../../checker/network.ts';
import { CheckFailure } from '../../checker/failure.ts';
import type { Peer } from '../../checker/peer.ts';
import { GREETING, clientNoServer, expectOneLineError } from '../common.ts';

/**
 * Wait for the greeting, which a check about something else needs first: if
 * it does not come, say so (with the greeting's hint), rather than blame the
 * behaviour the check is about.
 */
async function greeted(peer: Peer): Promise<void> {
  try {
    await peer.readUntil(GREETING);
  } catch (error) {
    if (!(error instanceof CheckFailure)) throw error;
    throw new CheckFailure(
      {
        en: `the server did not send "${GREETING}" (this check waits for it before anything else)`,
        fr: `le serveur n’a pas envoyé « ${GREETING} » (cette vérification l’attend avant tout le reste)`,
      },
      {
        ...error.detail,
        hint: {
          en: `Send "${GREETING}" to each new client, exactly: socket.write('${GREETING}').`,
          fr: `Envoyez « ${GREETING} » à chaque nouveau client, exactement : socket.write('${GREETING}').`,
        },
      },
    );
  }
}

/** "Connected with 127.0.0.1:41234", or the manual's Python form "('127.0.0.1', 41234)". */
const connectedWith = (ip: string, port: number) =>
  new RegExp(`Connected with (\\[?${ip.replace(/[.:[\]]/g, '\\$&')}\\]?:${port}|\\('${ip}', ${port}(, \\d+, \\d+)?\\))`);

export const checks: Check[] = [
  {
    id: 'logs-connections',
    title: {
      en: 'listens on PORT and logs "Connected with <address>:<port>" for each connection',
      fr: 'écoute sur PORT et affiche « Connected with <adresse>:<port> » à chaque connexion',
    },
    hint: {
      en: 'Read the port from process.env.PORT, then log socket.remoteAddress and socket.remotePort in the connection callback.',
      fr: 'Lisez le port dans process.env.PORT, puis affichez socket.remoteAddress et socket.remotePort dans la fonction appelée à chaque connexion.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      for (const who of ['alice', 'bob']) {
        const peer = await lab.connect(server, who);
        await server.program.output.readUntil(connectedWith('127.0.0.1', peer.localPort));
      }
    },
  },
  {
    id: 'greets',
    title: { en: `sends "${GREETING}" to each new client`, fr: `envoie « ${GREETING} » à chaque nouveau client` },
    hint: { en: 'Call socket.write(...) as soon as the connection is accepted.', fr: 'Appelez socket.write(...) dès que la connexion est acceptée.' },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const first = await lab.connect(server, 'alice');
      const second = await lab.connect(server, 'bob');
      await first.readExactly(GREETING);
      await second.readExactly(GREETING);
    },
  },
  {
    id: 'ipv6',
    title: { en: 'listens on IPv6 when HOST=::1', fr: 'écoute en IPv6 quand HOST=::1' },
    hint: {
      en: 'Pass the HOST variable to listen(): Node chooses IPv4 or IPv6 from the address itself.',
      fr: 'Passez la variable HOST à listen() : Node choisit IPv4 ou IPv6 d’après l’adresse elle-même.',
    },
    needs: ['server', 'ipv6'],
    async run(lab) {
      const server = await lab.startServer({ HOST: '::1' });
      const peer = await lab.connect(server, 'alice (IPv6)');
      await server.program.output.readUntil(connectedWith('::1', peer.localPort));
    },
  },
  {
    id: 'survives-reset',
    title: { en: 'keeps running when a client resets its connection', fr: 'continue de tourner quand un client coupe brutalement sa connexion' },
    hint: {
      en: "A reset emits 'error' on that socket; with no listener, Node stops the whole program. Add socket.on('error', ...).",
      fr: "Une coupure brutale émet 'error' sur ce socket ; sans écouteur, Node arrête tout le programme. Ajoutez socket.on('error', ...).",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const rude = await lab.connect(server, 'mallory');
      await greeted(rude);
      rude.reset();
      // Two more connections, one after the other: by the second one, the
      // server has surely seen the reset (and crashed, if it was going to).
      for (const who of ['next client', 'one more client']) {
        const polite = await lab.connect(server, who);
        await greeted(polite);
      }
      if (server.program.exit) throw server.program.output.failure({ en: 'the server stopped', fr: 'le serveur s’est arrêté' });
    },
  },
  {
    id: 'port-in-use',
    title: { en: 'a port already in use: one clear line, no stack trace', fr: 'un port déjà utilisé : une ligne claire, sans pile d’appels' },
    hint: {
      en: "Listen for the server's 'error' event and check err.code === 'EADDRINUSE'.",
      fr: "Écoutez l’événement 'error' du serveur et testez err.code === 'EADDRINUSE'.",
    },
    needs: ['server'],
    async run(lab) {
      const port = await freePort();
      const squatter = net.createServer().listen(port, '127.0.0.1');
      try {
        const { program } = await lab.spawnServer({ PORT: String(port) });
        await expectOneLineError(program, String(port));
      } finally {
        squatter.close();
      }
    },
  },
  {
    id: 'ctrl-c',
    title: { en: 'Ctrl+C stops it cleanly, without a stack trace', fr: 'Ctrl+C l’arrête proprement, sans pile d’appels' },
    hint: { en: 'Do not catch SIGINT, or exit in your handler.', fr: 'N’interceptez pas SIGINT, ou terminez le programme dans votre gestionnaire.' },
    needs: ['server', 'signals'],
    async run(lab) {
      const server = await lab.startServer();
      const peer = await lab.connect(server, 'client');
      await greeted(peer);
      server.program.signal('SIGINT');
      await server.program.waitExit();
      if (/^\s+at /m.test(server.program.output.all.toString())) {
        throw server.program.output.failure({ en: 'it printed a stack trace', fr: 'il a affiché une pile d’appels' });
      }
    },
  },
  {
    id: 'client-prints',
    title: { en: 'the client connects to HOST:PORT and prints what it receives', fr: 'le client se connecte à HOST:PORT et affiche ce qu’il reçoit' },
    hint: { en: "Print data.toString() in the socket's 'data' listener.", fr: "Affichez data.toString() dans l’écouteur 'data' du socket." },
    needs: ['client'],
    async run(lab) {
      const server = await lab.fakeServer();
      const client = lab.startClient(server.port);
      const peer = await server.accept();
      peer.send('Hello from the test server');
      await client.output.readUntil('Hello from the test server');
    },
  },
  clientNoServer(),
];
