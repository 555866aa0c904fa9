// Step 04: many clients at once on one event loop; every way of leaving is handled.
import type { Check } from '../../checker/check.ts';
import type { Peer } from '../../checker/peer.ts';
import { CheckFailure } from '../../checker/failure.ts';
import { GREETING, NICK, clientNoServer, expectAbsent, join, joined, left, manualClient, said } from '../common.ts';

export const checks: Check[] = [
  {
    id: 'many-at-once',
    title: { en: 'serves 20 clients at once', fr: 'sert 20 clients à la fois' },
    hint: {
      en: 'Never wait for one client inside the handler of another: every client has its own listeners.',
      fr: 'N’attendez jamais un client dans le code d’un autre : chaque client a ses propres écouteurs.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const names = Array.from({ length: 20 }, (_, i) => `user${i}`);
      const joins = await Promise.allSettled(names.map((name) => join(lab, server, name)));
      const stuck = joins.filter((result) => result.status === 'rejected');
      if (stuck.length > 0 && stuck.length < names.length) {
        const reasons = stuck.map((result) => (result as PromiseRejectedResult).reason as CheckFailure);
        const n = stuck.length;
        // Asked NICK and answered, but never heard their own arrival: the server serves them, its broadcast misses them.
        if (reasons.every((reason) => reason.detail.expected !== undefined && String(reason.detail.expected) !== NICK)) {
          throw new CheckFailure(
            {
              en: `${n} of ${names.length} clients gave their nickname but never heard their own arrival, which the others heard: the broadcast misses ${n === 1 ? 'a client' : 'some clients'}`,
              fr: `${n} client${n > 1 ? 's' : ''} sur ${names.length} ${n > 1 ? 'ont' : 'a'} donné ${n > 1 ? 'leur' : 'son'} pseudo sans jamais entendre ${n > 1 ? 'leur' : 'sa'} propre arrivée, que les autres ont entendue : la diffusion en oublie`,
            },
            {
              ...reasons[0]!.detail,
              hint: {
                en: 'broadcast() must write to every client in the list, the first one included: check where its loop starts and ends.',
                fr: 'broadcast() doit écrire à chaque client de la liste, le premier compris : regardez où sa boucle commence et où elle finit.',
              },
            },
          );
        }
        throw new CheckFailure(
          {
            en: `${n} of ${names.length} clients could not join while the others were connected: the server serves one client at a time`,
            fr: `${n} client${n > 1 ? 's' : ''} sur ${names.length} n’${n > 1 ? 'ont' : 'a'} pas pu entrer pendant que les autres étaient connectés : le serveur ne sert qu’un client à la fois`,
          },
          reasons[0]!.detail,
        );
      }
      if (stuck.length > 0) throw (stuck[0] as PromiseRejectedResult).reason;
      const peers = joins.map((result) => (result as PromiseFulfilledResult<Peer>).value);
      peers[7]!.send(said('user7', 'hello all'));
      await Promise.all(peers.map((peer) => peer.readUntil(said('user7', 'hello all'))));
    },
  },
  {
    id: 'announces-quit',
    title: { en: 'announces "<nick> left the chat !" when a client quits', fr: 'annonce « <pseudo> left the chat ! » quand un client s’en va' },
    hint: {
      en: "On 'close', find the client's index, remove it and its nickname, and broadcast the departure.",
      fr: "Sur 'close', trouvez l’indice du client, retirez-le avec son pseudo, et annoncez son départ.",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await join(lab, server, 'alice');
      const bob = await join(lab, server, 'bob');
      await alice.readExactly(joined('bob'));
      bob.end();
      await alice.readExactly(left('bob')).catch((error: unknown) => {
        if (server.program.output.all.includes(left('bob'))) {
          throw alice.inbox.failure(
            {
              en: 'the server printed the departure on its own screen instead of sending it to the clients',
              fr: 'le serveur a affiché le départ sur son propre écran au lieu de l’envoyer aux clients',
            },
            left('bob'),
          );
        }
        throw error;
      });
    },
  },
  {
    id: 'announces-reset',
    title: {
      en: 'announces once a client whose connection is reset, and the others keep chatting',
      fr: 'annonce une fois un client dont la connexion est coupée, et les autres continuent',
    },
    hint: {
      en: "A reset emits 'error' and then 'close': announce the departure in 'close', once.",
      fr: "Une coupure émet 'error' puis 'close' : annoncez le départ dans 'close', une seule fois.",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await join(lab, server, 'alice');
      const bob = await join(lab, server, 'bob');
      const carol = await join(lab, server, 'carol');
      carol.reset();
      await alice.readUntil(left('carol'));
      alice.send(said('alice', 'still here?'));
      const between = await bob.readUntil(left('carol')).then(() => bob.readUntil(said('alice', 'still here?')));
      expectAbsent(between, left('carol'), bob, {
        en: "carol was announced twice: a reset emits both 'error' and 'close'",
        fr: "le départ de carol a été annoncé deux fois : une coupure émet 'error' puis 'close'",
      });
    },
  },
  {
    id: 'right-names',
    title: { en: 'names the right person each time someone leaves', fr: 'nomme la bonne personne à chaque départ' },
    hint: {
      en: 'clients[i] and nicknames[i] go together: remove both at the same index.',
      fr: 'clients[i] et nicknames[i] vont ensemble : retirez les deux au même indice.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await join(lab, server, 'alice');
      const bob = await join(lab, server, 'bob');
      const carol = await join(lab, server, 'carol');
      const dave = await join(lab, server, 'dave');
      await alice.readUntil(joined('dave'));
      for (const [peer, name] of [
        [bob, 'bob'],
        [dave, 'dave'],
        [carol, 'carol'],
      ] as const) {
        peer.end();
        // The next announcement must name the one who left, and only them.
        const who = await alice.readUntil(' left the chat !');
        if (who !== name) {
          throw alice.inbox.failure(
            {
              en: `${name} left, but the server announced "${who}": the clients and nicknames lists no longer line up`,
              fr: `${name} est parti, mais le serveur a annoncé « ${who} » : les listes clients et nicknames ne sont plus alignées`,
            },
            left(name),
            Buffer.from(`${who} left the chat !`),
          );
        }
      }
    },
  },
  {
    id: 'leave-before-nick',
    title: { en: 'a client that leaves before giving a nickname is not announced', fr: 'un client qui part avant de donner son pseudo n’est pas annoncé' },
    hint: {
      en: 'In the close handler, the client may not be in the list: check indexOf() !== -1.',
      fr: "Dans le gestionnaire de 'close', le client peut ne pas être dans la liste : vérifiez indexOf() !== -1.",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await join(lab, server, 'alice');
      const bob = await join(lab, server, 'bob');
      const shy = await lab.connect(server, 'shy client');
      await shy.readExactly(NICK);
      shy.end();
      // The server closes its side once it has seen ours: then it has handled the leave.
      await shy.inbox.waitClosed().catch(() => {
        throw shy.inbox.failure({
          en: 'the server kept the connection open after the client closed its side: close the socket when the client leaves',
          fr: 'le serveur a gardé la connexion ouverte après que le client a fermé la sienne : fermez le socket quand le client part',
        });
      });
      alice.send(said('alice', 'anyone left?'));
      const before = await bob.readUntil(said('alice', 'anyone left?'));
      expectAbsent(before, /left the chat/, bob, {
        en: 'a client that never gave a nickname was announced as leaving',
        fr: 'un client qui n’a jamais donné de pseudo a été annoncé comme parti',
      });
    },
  },
  {
    id: 'client-both-ways',
    title: {
      en: 'the client prints incoming messages while it waits for the keyboard',
      fr: 'le client affiche les messages qui arrivent pendant qu’il attend le clavier',
    },
    hint: {
      en: "Two listeners, one event loop: 'data' on the socket and 'line' on the keyboard.",
      fr: "Deux écouteurs, une boucle d’événements : 'data' sur le socket et 'line' sur le clavier.",
    },
    needs: ['client'],
    async run(lab) {
      const server = await lab.fakeServer();
      const client = lab.startClient(server.port);
      client.writeLine('alice');
      const peer = await server.accept();
      peer.send(NICK);
      await peer.readExactly('alice');
      peer.send(GREETING);
      await client.output.readUntil(GREETING);
      peer.send(said('bob', 'are you there?'));
      await client.output.readUntil(said('bob', 'are you there?'));
      client.writeLine('yes');
      await peer.readExactly(said('alice', 'yes'));
      peer.send(said('bob', 'good'));
      await client.output.readUntil(said('bob', 'good'));
    },
  },
  {
    id: 'client-server-gone',
    title: { en: 'the client says so and exits when the server goes away', fr: 'le client le dit et s’arrête quand le serveur disparaît' },
    hint: {
      en: "On the socket's 'close' event, print a line and call process.exit().",
      fr: "Sur l’événement 'close' du socket, affichez une ligne et appelez process.exit().",
    },
    needs: ['client'],
    async run(lab) {
      const server = await lab.fakeServer();
      const client = lab.startClient(server.port);
      client.writeLine('alice');
      const peer = await server.accept();
      peer.send(NICK);
      await peer.readExactly('alice');
      peer.send(GREETING);
      await client.output.readUntil(GREETING);
      const printed = client.output.all.length;
      peer.end();
      await client.waitExit();
      if (client.output.all.length === printed) {
        throw new CheckFailure({ en: 'the client exited without saying why', fr: 'le client s’est arrêté sans dire pourquoi' }, { output: client.lastLines() });
      }
    },
  },
  {
    id: 'client-ctrl-d',
    title: { en: 'the client leaves cleanly at the end of input (Ctrl+D)', fr: 'le client part proprement à la fin de la saisie (Ctrl+D)' },
    hint: {
      en: "On the keyboard's 'close' event, call client.end(); exit with code 0.",
      fr: "Sur l’événement 'close' du clavier, appelez client.end() ; sortez avec le code 0.",
    },
    needs: ['client'],
    async run(lab) {
      const server = await lab.fakeServer();
      const client = lab.startClient(server.port);
      client.writeLine('alice');
      const peer = await server.accept();
      peer.send(NICK);
      await peer.readExactly('alice');
      peer.send(GREETING);
      await client.output.readUntil(GREETING);
      client.endInput();
      await peer.inbox.waitClosed();
      const exit = await client.waitExit();
      if (exit.code !== 0) {
        throw new CheckFailure(
          { en: `the client exited with code ${exit.code}, not 0`, fr: `le client s’est arrêté avec le code ${exit.code}, pas 0` },
          { output: client.lastLines() },
        );
      }
    },
  },
  clientNoServer('alice'),
  {
    id: 'manual-client',
    title: {
      en: "the manual's Python client chats with this server, and its departure is announced",
      fr: 'le client Python du manuel discute avec ce serveur, et son départ est annoncé',
    },
    hint: {
      en: 'The Python client sends its nickname with no newline, and messages as "<nick>: <text>".',
      fr: 'Le client Python envoie son pseudo sans retour à la ligne, et ses messages sous la forme « <pseudo>: <texte> ».',
    },
    needs: ['server', 'python3'],
    async run(lab) {
      const server = await lab.startServer();
      const python = lab.startProgram(manualClient, { PORT: String(server.port) }, 'Python client');
      python.writeLine('carol');
      await python.output.readUntil(GREETING);
      const dave = await join(lab, server, 'dave');
      python.writeLine('hi dave');
      await dave.readUntil(said('carol', 'hi dave'));
      await python.stop();
      await dave.readUntil(left('carol'));
    },
  },
];
