// Step 02: every chunk from one client goes to every client, the sender too.
import type { Check } from '../../checker/check.ts';
import type { Lab, RunningServer } from '../../checker/lab.ts';
import { freePort } from '../../checker/network.ts';
import { GREETING, clientNoServer, expectOneLineError } from '../common.ts';

/** Connect and wait for the greeting: from then on, the server counts this client. */
async function arrive(lab: Lab, server: RunningServer, who: string) {
  const peer = await lab.connect(server, who);
  await peer.readUntil(GREETING);
  return peer;
}

export const checks: Check[] = [
  {
    id: 'broadcast-all',
    title: { en: 'sends what one client says to every client, the sender included', fr: 'envoie ce que dit un client à tous les clients, expéditeur compris' },
    hint: {
      en: 'Keep every socket in a clients array; on data, write the message to each of them (the sender too).',
      fr: "Gardez chaque socket dans un tableau clients ; à chaque 'data', écrivez le message à chacun (l’expéditeur aussi).",
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const [alice, bob, carol] = [await arrive(lab, server, 'alice'), await arrive(lab, server, 'bob'), await arrive(lab, server, 'carol')];
      alice.send('hello from alice');
      for (const peer of [alice, bob, carol]) await peer.readUntil('hello from alice');
      carol.send('and carol answers');
      for (const peer of [alice, bob, carol]) await peer.readUntil('and carol answers');
    },
  },
  {
    id: 'order',
    title: { en: 'keeps the order of one sender’s messages', fr: 'garde l’ordre des messages d’un même expéditeur' },
    hint: { en: 'Write each chunk as soon as it arrives, without buffering or reordering.', fr: 'Écrivez chaque morceau dès son arrivée, sans le garder ni le réordonner.' },
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
    id: 'leaver-removed',
    title: { en: 'forgets a client that leaves: the others keep chatting', fr: 'oublie un client qui part : les autres continuent de discuter' },
    hint: { en: "On the socket's 'close' event, remove it from the clients array.", fr: "Sur l’événement 'close' du socket, retirez-le du tableau clients." },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer();
      const alice = await arrive(lab, server, 'alice');
      const bob = await arrive(lab, server, 'bob');
      const carol = await arrive(lab, server, 'carol');
      carol.end();
      await carol.inbox.waitClosed();
      alice.send('carol has gone');
      await bob.readUntil('carol has gone');
      bob.send('bob is still here');
      await alice.readUntil('bob is still here');
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
      carol.reset();
      for (let i = 1; i <= 3; i++) {
        alice.send(`after the reset ${i} `);
        await bob.readUntil(`after the reset ${i} `);
      }
    },
  },
  {
    id: 'client-sends-lines',
    title: { en: 'the client sends each line typed and prints what it receives', fr: 'le client envoie chaque ligne tapée et affiche ce qu’il reçoit' },
    hint: { en: "Read the keyboard with readline; on each 'line', write it to the socket.", fr: "Lisez le clavier avec readline ; à chaque 'line', écrivez-la sur le socket." },
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
