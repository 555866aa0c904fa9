// Step 03: the manual's NICK handshake, byte for byte, on both sides.
import { escapeBytes } from '../../checker/bytes.ts';
import type { Check } from '../../checker/check.ts';
import { GREETING, NICK, clientNoServer, expectAbsent, join, joined, manualClient, manualServer, said } from '../common.ts';

export const checks: Check[] = [
  {
    id: 'asks-nick',
    title: {
      en: `sends exactly "${NICK}" to a newcomer: nothing before it, nothing after it`,
      fr: `envoie exactement « ${NICK} » à un nouveau venu : rien avant, rien après`,
    },
    hint: {
      en: 'socket.write(\'NICK\') as soon as the connection is accepted, and nothing else until the nickname arrives: the manual\'s client compares the chunk to "NICK" byte for byte, so "NICK\\n" is not NICK.',
      fr: "socket.write('NICK') dès que la connexion est acceptée, et rien d’autre avant l’arrivée du pseudo : le client du manuel compare le morceau à « NICK » octet pour octet, donc « NICK\\n » n’est pas NICK.",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const peer = await lab.connect(server, 'newcomer');
      await peer.readExactly(NICK);
      // What follows NICK is the answer to the nickname: anything before it was sent with NICK.
      peer.send('newcomer');
      const before = await peer.readUntil(joined('newcomer'));
      // The greeting there is an answer to the nickname, in the wrong order: the next check's business.
      if (before !== '' && before !== GREETING) {
        throw peer.inbox.failure(
          { en: `the server sent ${escapeBytes(before)} after "${NICK}"`, fr: `le serveur a envoyé ${escapeBytes(before)} après « ${NICK} »` },
          joined('newcomer'),
          Buffer.from(before + joined('newcomer')),
        );
      }
    },
  },
  {
    id: 'joined-then-connected',
    title: {
      en: `after the nickname: "<nick> has joined the chat room" to everyone, then "${GREETING}" to the newcomer`,
      fr: `après le pseudo : « <pseudo> has joined the chat room » à tous, puis « ${GREETING} » au nouveau venu`,
    },
    hint: {
      en: 'Read the nickname from the first chunk, add the client to the lists, broadcast the join, then greet the newcomer.',
      fr: 'Lisez le pseudo dans le premier morceau reçu, ajoutez le client aux listes, annoncez son arrivée à tous, puis accueillez-le.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await lab.connect(server, 'alice');
      await alice.readExactly(NICK);
      alice.send('alice');
      await alice.readExactly(joined('alice'));
      await alice.readExactly(GREETING);
      const bob = await lab.connect(server, 'bob');
      await bob.readExactly(NICK);
      bob.send('bob');
      await bob.readExactly(joined('bob'));
      await bob.readExactly(GREETING);
      await alice.readExactly(joined('bob'));
    },
  },
  {
    id: 'broadcast-after-join',
    title: {
      en: 'relays messages to everyone who joined, the sender included, byte for byte',
      fr: 'relaie les messages à tous ceux qui ont rejoint, expéditeur compris, octet pour octet',
    },
    hint: {
      en: 'After the handshake, every chunk from a client is broadcast as it is.',
      fr: 'Après la poignée de main, chaque morceau reçu d’un client est diffusé tel quel.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await join(lab, server, 'alice');
      const bob = await join(lab, server, 'bob');
      bob.send(said('bob', 'hi alice'));
      await alice.readExactly(joined('bob'));
      await alice.readExactly(said('bob', 'hi alice'));
      await bob.readExactly(said('bob', 'hi alice'));
    },
  },
  {
    id: 'nothing-before-nick',
    title: {
      en: 'sends no chat message to a client that has not given its nickname yet',
      fr: 'n’envoie aucun message à un client qui n’a pas encore donné son pseudo',
    },
    hint: {
      en: 'Add the client to the clients list only once its nickname has arrived.',
      fr: 'N’ajoutez le client à la liste clients qu’une fois son pseudo reçu.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await join(lab, server, 'alice');
      const bob = await join(lab, server, 'bob');
      const carol = await lab.connect(server, 'carol');
      await carol.readExactly(NICK);
      alice.send(said('alice', 'carol cannot see this'));
      await bob.readUntil(said('alice', 'carol cannot see this'));
      carol.send('carol');
      const before = await carol.readUntil(GREETING);
      expectAbsent(before, 'carol cannot see this', carol, {
        en: 'a message sent before carol gave her nickname reached her',
        fr: 'un message envoyé avant que carol donne son pseudo lui est parvenu',
      });
    },
  },
  {
    id: 'client-handshake',
    title: {
      en: `the client answers "${NICK}" with the nickname typed, alone, and sends "<nick>: <text>"`,
      fr: `le client répond à « ${NICK} » avec le pseudo tapé, seul, et envoie « <pseudo>: <texte> »`,
    },
    hint: {
      en: "Ask the nickname before connecting; when the data received is exactly 'NICK', write the nickname alone; otherwise print it.",
      fr: "Demandez le pseudo avant de vous connecter ; quand les données reçues valent exactement 'NICK', écrivez le pseudo seul ; sinon affichez-les.",
    },
    needs: ['client'],
    async run(lab) {
      const server = await lab.fakeServer();
      const client = lab.startClient(server.port);
      client.writeLine('alice');
      const peer = await server.accept();
      peer.send(NICK);
      await peer.readExactly('alice');
      peer.send(joined('alice'));
      await client.output.readUntil(joined('alice'));
      peer.send(GREETING);
      await client.output.readUntil(GREETING);
      client.writeLine('hello');
      await peer.readExactly(said('alice', 'hello')).catch((error: unknown) => {
        // A newline after the nickname shows up here, before the first message.
        if (/^\r?\n/.test(peer.inbox.unread.toString())) {
          throw peer.inbox.failure(
            {
              en: 'the client sent a newline after the nickname: the server takes the whole chunk as the nickname ("alice\\n")',
              fr: 'le client a envoyé un retour à la ligne après le pseudo : le serveur prend tout le morceau pour le pseudo (« alice\\n »)',
            },
            said('alice', 'hello'),
          );
        }
        throw error;
      });
      peer.send(said('bob', 'hi alice'));
      await client.output.readUntil(said('bob', 'hi alice'));
    },
  },
  clientNoServer('alice'),
  {
    id: 'manual-client',
    title: { en: "the manual's Python client chats with this server", fr: 'le client Python du manuel discute avec ce serveur' },
    hint: {
      en: 'The Python client compares each chunk to "NICK" exactly, and sends "<nick>: <text>" with no newline.',
      fr: 'Le client Python compare chaque morceau à « NICK » exactement, et envoie « <pseudo>: <texte> » sans retour à la ligne.',
    },
    needs: ['server', 'python3'],
    async run(lab) {
      const server = await lab.startServer();
      const python = lab.startProgram(manualClient, { PORT: String(server.port) }, 'Python client');
      python.writeLine('carol');
      await python.output.readUntil(GREETING);
      const dave = await join(lab, server, 'dave');
      await python.output.readUntil(joined('dave'));
      python.writeLine('hi dave');
      await dave.readUntil(said('carol', 'hi dave'));
      dave.send(said('dave', 'hi carol'));
      await python.output.readUntil(said('dave', 'hi carol'));
    },
  },
  {
    id: 'manual-server',
    title: { en: "the client chats through the manual's Python server", fr: 'le client discute à travers le serveur Python du manuel' },
    hint: {
      en: 'The Python server sends "NICK" and reads the nickname from the next 1024 bytes: send the nickname alone.',
      fr: 'Le serveur Python envoie « NICK » et lit le pseudo dans les 1024 octets suivants : envoyez le pseudo seul.',
    },
    needs: ['client', 'python3'],
    async run(lab) {
      const server = await lab.startServer({}, manualServer);
      const alice = lab.startClient(server.port, 'alice');
      alice.writeLine('alice');
      await alice.output.readUntil(GREETING);
      const bob = lab.startClient(server.port, 'bob');
      bob.writeLine('bob');
      await bob.output.readUntil(GREETING);
      await alice.output.readUntil(joined('bob'));
      alice.writeLine('hello bob');
      await bob.output.readUntil(said('alice', 'hello bob'));
    },
  },
];
