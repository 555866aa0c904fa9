// Step 02: every chunk from one client goes to every client, the sender too.
import type { Check } from '../../checker/check.ts';
import type { Lab, RunningServer } from '../../checker/lab.ts';
import { GREETING, clientNoServer } from '../common.ts';

/** Connect and wait for the greeting: from then on, the server counts this client. */
async function arrive(lab: Lab, server: RunningServer, who: string) {
  const peer = await lab.connect(server, who);
  await peer.readUntil(GREETING);
  return peer;
}

export const checks: Check[] = [
  {
    id: 'broadcast-all',
    title: {
      en: 'sends what one client says to every client, the sender included, byte for byte',
      fr: 'envoie ce que dit un client à tous les clients, expéditeur compris, octet pour octet',
    },
    hint: {
      en: 'Keep every socket in a clients array; on data, write the message to each of them (the sender too), as it came: nothing added.',
      fr: "Gardez chaque socket dans un tableau clients ; à chaque 'data', écrivez le message à chacun (l’expéditeur aussi), tel quel : rien d’ajouté.",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const [alice, bob, carol] = [await arrive(lab, server, 'alice'), await arrive(lab, server, 'bob'), await arrive(lab, server, 'carol')];
      // One message at a time, each read exactly: a byte added after one shows before the next.
      alice.send('hello from alice');
      await alice.readExactly('hello from alice');
      for (const peer of [bob, carol]) {
        await peer.readExactly('hello from alice').catch((error: unknown) => {
          // Every copy went back to the sender: the loop writes to the wrong socket.
          const copies = alice.received.split('hello from alice').length - 1;
          if (copies > 1) {
            throw peer.inbox.failure(
              {
                en: `alice got her own message ${copies} times and ${peer.inbox.who} none: the loop writes to the sender's socket, not to each client`,
                fr: `alice a reçu son propre message ${copies} fois et ${peer.inbox.who} aucune : la boucle écrit sur le socket de l’expéditeur, pas sur chaque client`,
              },
              'hello from alice',
            );
          }
          throw error;
        });
      }
      carol.send('and carol answers');
      for (const peer of [alice, bob, carol]) await peer.readExactly('and carol answers');
    },
  },
  {
    id: 'relays-bytes',
    title: {
      en: 'relays the bytes as they came, even a character that TCP cut in two',
      fr: 'relaie les octets tels qu’ils arrivent, même un caractère que TCP a coupé en deux',
    },
    hint: {
      en: 'Relay the Buffer you received as it is: decoding each chunk (data.toString(), or .decode() in Python) breaks a character whose bytes arrive in two chunks.',
      fr: 'Relayez le Buffer reçu tel quel : décoder chaque morceau (data.toString(), ou .decode() en Python) casse un caractère dont les octets arrivent en deux morceaux.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await arrive(lab, server, 'alice');
      const bob = await arrive(lab, server, 'bob');
      const e = Buffer.from('é'); // two bytes in UTF-8: c3 a9
      const first = Buffer.concat([Buffer.from('caf'), e.subarray(0, 1)]);
      alice.send(first);
      await bob.readExactly(first); // relayed before the second half is even sent
      const second = Buffer.concat([e.subarray(1), Buffer.from(' au lait')]);
      alice.send(second);
      await bob.readExactly(second);
    },
  },
  {
    id: 'order',
    title: { en: 'keeps the order of one sender’s messages', fr: 'garde l’ordre des messages d’un même expéditeur' },
    hint: {
      en: 'Write each chunk as soon as it arrives, without buffering or reordering.',
      fr: 'Écrivez chaque morceau dès son arrivée, sans le garder ni le réordonner.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await arrive(lab, server, 'alice');
      const bob = await arrive(lab, server, 'bob');
      for (let i = 1; i <= 5; i++) alice.send(`message ${i} `);
      for (let i = 1; i <= 5; i++) await bob.readUntil(`message ${i} `);
    },
  },
  {
    // A Node server that keeps a closed socket in its list writes to it in
    // vain, silently: only the consequences can be seen from outside (a
    // Python server raises on it, and the others stop hearing each other).
    id: 'leaver-removed',
    title: { en: 'after the first client leaves, the others still hear each other', fr: 'après le départ du premier client, les autres s’entendent toujours' },
    hint: {
      en: "On the socket's 'close' event, remove it from the clients array: writing to a closed socket fails (in Python, send() raises and stops that client's thread).",
      fr: "Sur l’événement 'close' du socket, retirez-le du tableau clients : écrire sur un socket fermé échoue (en Python, send() lève une exception et arrête le thread de ce client).",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await arrive(lab, server, 'alice');
      const bob = await arrive(lab, server, 'bob');
      const carol = await arrive(lab, server, 'carol');
      // The first in the list leaves: a broadcast that fails on her reaches nobody.
      alice.end();
      await alice.inbox.waitClosed(); // the server has closed its side: it has seen her leave
      bob.send('alice has gone');
      await carol.readExactly('alice has gone');
      carol.send('carol is still here');
      await bob.readUntil('carol is still here');
    },
  },
  {
    id: 'reset-removed',
    title: { en: 'a client that resets its connection does not stop the others', fr: 'un client qui coupe brutalement ne gêne pas les autres' },
    hint: {
      en: "A reset emits 'error' then 'close' on that socket: handle 'error', and remove the client on 'close'.",
      fr: "Une coupure brutale émet 'error' puis 'close' sur ce socket : gérez 'error', et retirez le client sur 'close'.",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await arrive(lab, server, 'alice');
      const bob = await arrive(lab, server, 'bob');
      const carol = await arrive(lab, server, 'carol');
      alice.reset();
      for (let i = 1; i <= 3; i++) {
        carol.send(`after the reset ${i} `);
        await bob.readUntil(`after the reset ${i} `);
      }
    },
  },
  {
    id: 'client-sends-lines',
    title: { en: 'the client sends each line typed and prints what it receives', fr: 'le client envoie chaque ligne tapée et affiche ce qu’il reçoit' },
    hint: {
      en: "Read the keyboard with readline; on each 'line', write it to the socket.",
      fr: "Lisez le clavier avec readline ; à chaque 'line', écrivez-la sur le socket.",
    },
    needs: ['client'],
    async run(lab) {
      const server = await lab.fakeServer();
      const client = lab.startClient(server.port);
      const peer = await server.accept();
      peer.send(GREETING);
      await client.output.readUntil(GREETING);
      client.writeLine('hello everybody');
      await peer.readUntil('hello everybody');
      peer.send('hello back');
      await client.output.readUntil('hello back');
    },
  },
  clientNoServer(),
];
