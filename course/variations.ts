// Short variations of the steps, so that a step's exercise asks for more than
// retyping its page: each one changes one behaviour, told at the end of the
// step's exercise text, and has its own check, run by `npm run verify -- 02b`
// on the step's work folder (or any folder given after it). They are not in
// the course's list of exercises: the step's own verify stays as it is.
import type { Check } from '../checker/check.ts';
import type { Lab, RunningServer } from '../checker/lab.ts';
import { CheckFailure } from '../checker/failure.ts';
import { GREETING, NICK, expectAbsent, join, joined } from './common.ts';
import type { Step } from './index.ts';

const serverCheck = (check: Omit<Check, 'needs'>): Check => ({ ...check, needs: ['server'] });

async function arrive(lab: Lab, server: RunningServer, who: string) {
  const peer = await lab.connect(server, who);
  await peer.readUntil(GREETING);
  return peer;
}

const counts = serverCheck({
  id: 'counts-connected',
  title: { en: 'prints "<n> connected" after each arrival and each departure', fr: 'affiche « <n> connected » après chaque arrivée et chaque départ' },
  hint: {
    en: "A counter outside createServer(): +1 on connection, -1 on the socket's 'close'; print it each time.",
    fr: "Un compteur hors de createServer() : +1 à la connexion, -1 sur le 'close' du socket ; affichez-le à chaque fois.",
  },
  async run(lab) {
    const server = await lab.startServer();
    const log = server.program.output;
    const alice = await arrive(lab, server, 'alice');
    await log.readUntil(/\b1 connected\b/);
    const bob = await arrive(lab, server, 'bob');
    await log.readUntil(/\b2 connected\b/);
    bob.end();
    await log.readUntil(/\b1 connected\b/);
    alice.reset();
    await log.readUntil(/\b0 connected\b/);
  },
});

const notToSender = serverCheck({
  id: 'broadcast-others',
  title: {
    en: 'sends what one client says to every other client, not back to the sender',
    fr: 'envoie ce que dit un client à tous les autres, sans le renvoyer à l’expéditeur',
  },
  hint: { en: 'Give broadcast() the sender too, and skip it in the loop.', fr: 'Donnez aussi l’expéditeur à broadcast(), et sautez-le dans la boucle.' },
  async run(lab) {
    const server = await lab.startServer();
    const [alice, bob, carol] = [await arrive(lab, server, 'alice'), await arrive(lab, server, 'bob'), await arrive(lab, server, 'carol')];
    alice.send('hello from alice');
    for (const peer of [bob, carol]) await peer.readUntil('hello from alice');
    // What alice got before bob's next message: not her own.
    bob.send('bob marker');
    expectAbsent(await alice.readUntil('bob marker'), 'hello from alice', alice, {
      en: 'alice received her own message',
      fr: 'alice a reçu son propre message',
    });
  },
});

const refusesTaken = serverCheck({
  id: 'refuses-taken-nick',
  title: {
    en: 'answers a nickname already taken with "NICK" again, and takes the next one',
    fr: 'répond à un pseudo déjà pris par « NICK » à nouveau, et prend le suivant',
  },
  hint: {
    en: 'In the nickname handler: if nicknames.includes(it), write "NICK" and wait for the next chunk (socket.once again).',
    fr: 'Dans le traitement du pseudo : si nicknames.includes(pseudo), écrivez « NICK » et attendez le morceau suivant (à nouveau socket.once).',
  },
  async run(lab) {
    const server = await lab.startServer();
    const alice = await join(lab, server, 'alice');
    const other = await lab.connect(server, 'second alice');
    await other.readExactly(NICK);
    other.send('alice');
    await other.readExactly(NICK);
    other.send('alicia');
    const seen = await alice.readUntil(joined('alicia'));
    expectAbsent(seen, joined('alice'), alice, { en: 'the taken nickname was announced again', fr: 'le pseudo déjà pris a été annoncé à nouveau' });
  },
});

const tellsShutdown: Check = {
  needs: ['server', 'signals'],
  id: 'ctrl-c-tells',
  title: {
    en: 'on Ctrl+C, sends "Server shutting down" to every client, then exits with code 0',
    fr: 'sur Ctrl+C, envoie « Server shutting down » à chaque client, puis sort avec le code 0',
  },
  hint: {
    en: "process.on('SIGINT', ...): broadcast, end() each socket, then server.close(() => process.exit(0)).",
    fr: "process.on('SIGINT', ...) : diffusez, appelez end() sur chaque socket, puis server.close(() => process.exit(0)).",
  },
  async run(lab) {
    const server = await lab.startServer();
    const alice = await join(lab, server, 'alice');
    const bob = await join(lab, server, 'bob');
    server.program.signal('SIGINT');
    for (const peer of [alice, bob]) {
      await peer.readUntil('Server shutting down');
      await peer.inbox.waitClosed();
    }
    const exit = await server.program.waitExit();
    if (exit.code !== 0)
      throw new CheckFailure({
        en: `the server exited with ${exit.code ?? exit.signal}, not 0`,
        fr: `le serveur est sorti avec ${exit.code ?? exit.signal}, pas 0`,
      });
  },
};

const variation = (id: string, name: string, title: Step['title'], check: Check): Step => ({ id, name, dir: `steps/${name}`, title, checks: [check] });

export const variations: Step[] = [
  variation('01b', '01-socket', { en: 'Count who is connected', fr: 'Compter qui est connecté' }, counts),
  variation('02b', '02-broadcast', { en: 'Everyone but the sender', fr: 'Tous sauf l’expéditeur' }, notToSender),
  variation('03b', '03-nick-handshake', { en: 'A nickname already taken', fr: 'Un pseudo déjà pris' }, refusesTaken),
  variation('04b', '04-threads-async', { en: 'Ctrl+C tells everyone', fr: 'Ctrl+C prévient tout le monde' }, tellsShutdown),
];
