// final/ against a bored student: each check replays an attack seen on a
// class's server (issue: "a class that a bored student cannot wreck") and
// shows that it no longer works. All from one address, 127.0.0.1: what a
// student on one computer can do.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Check } from '../../checker/check.ts';
import { CheckFailure } from '../../checker/failure.ts';
import type { Lab, RunningServer } from '../../checker/lab.ts';
import type { Peer } from '../../checker/peer.ts';
import { expectAbsent } from '../common.ts';
import { before, enter } from './checks.ts';

const serverCheck = (check: Omit<Check, 'needs'>): Check => ({ ...check, needs: ['server'] });

/** A connection that answers the room password, and what it got back. */
async function tryPassword(lab: Lab, server: RunningServer, who: string, password: string): Promise<Peer> {
  const peer = await lab.connect(server, who);
  const first = await peer.readUntil('\n'); // the text before it
  if (first === 'PASS') peer.send(`${password}\n`);
  return peer;
}

/** An operator in the room, for the moderation checks. */
async function teacherAnd(lab: Lab, env: NodeJS.ProcessEnv, ...students: string[]) {
  const server = await lab.startServer({ OP_PASSWORD: 'chalk', PASSWORD_DELAY: '0', ...env });
  const teacher = await enter(lab, server, 'teacher');
  teacher.send('/op chalk\n');
  await teacher.readUntil('*** operator teacher\n');
  const others: Peer[] = [];
  for (const nick of students) others.push(await enter(lab, server, nick));
  return { server, teacher, others };
}

/** The next line `peer` receives that matches `pattern` (the others are skipped), without its newline. */
async function nextLine(peer: Peer, pattern: RegExp): Promise<string> {
  for (;;) {
    const line = await peer.readUntil('\n');
    if (pattern.test(line)) return line;
  }
}

/** How many lines of `text` match. */
const count = (text: string, pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line)).length;

export const checks: Check[] = [
  serverCheck({
    id: 'op-brute-force',
    title: {
      en: 'wrong /op passwords are answered late and counted per address: reconnecting does not reset them',
      fr: 'les mauvais mots de passe /op sont répondus en retard et comptés par adresse : se reconnecter ne remet rien à zéro',
    },
    hint: {
      en: 'Count failures per IP address in the server (not in the connection), over a window; past the limit, refuse both passwords for a while.',
      fr: 'Comptez les échecs par adresse IP dans le serveur (pas dans la connexion), sur une fenêtre de temps ; au-delà de la limite, refusez les deux mots de passe un moment.',
    },
    async run(lab) {
      const server = await lab.startServer({ OP_PASSWORD: 'chalk', PASSWORD_DELAY: '0.3', LOCKOUT_FAILURES: '4' });
      // A wrong answer comes no sooner than the delay, and the lines sent meanwhile wait for it.
      const mallory = await enter(lab, server, 'mallory');
      const start = Date.now();
      mallory.send('/op guess1\n/list\n');
      const answer = await mallory.readUntil(/\*\*\* online [^\n]*\n/);
      if (!answer.includes('*** error password-wrong 2\n'))
        throw mallory.inbox.failure(
          { en: 'the wrong /op was not answered before the next line', fr: 'le mauvais /op n’a pas reçu de réponse avant la ligne suivante' },
          '*** error password-wrong 2\n',
        );
      if (Date.now() - start < 250)
        throw new CheckFailure({
          en: `a wrong /op was answered after ${Date.now() - start} ms, sooner than PASSWORD_DELAY (300 ms)`,
          fr: `un mauvais /op a reçu sa réponse en ${Date.now() - start} ms, avant PASSWORD_DELAY (300 ms)`,
        });
      mallory.send('/op guess2\n/op guess3\n');
      await mallory.readUntil('*** error password-wrong 0\n');
      await mallory.inbox.waitClosed();
      // A new connection: the address has used 3 of its 4; the fourth locks it out.
      const again = await enter(lab, server, 'mallory');
      again.send('/op guess4\n');
      await again.readUntil(/\*\*\* error locked \d+\n/);
      again.send('/op chalk\n'); // even the right password: no answer may tell a guess from the truth
      await again.readUntil(/\*\*\* error locked \d+\n/);
      expectAbsent(await before(again, again, 'marker'), '*** operator', again, {
        en: 'the right password worked during a lockout',
        fr: 'le bon mot de passe a marché pendant un verrouillage',
      });
    },
  }),
  serverCheck({
    id: 'password-brute-force',
    title: {
      en: 'wrong room passwords lock the address out, across reconnects, and the lockout refuses at once',
      fr: 'les mauvais mots de passe du salon verrouillent l’adresse, d’une connexion à l’autre, et le verrouillage refuse aussitôt',
    },
    hint: {
      en: 'The same per-address counter as /op: a locked address is refused when it connects, with "*** error locked <seconds>".',
      fr: 'Le même compteur par adresse que pour /op : une adresse verrouillée est refusée dès sa connexion, avec « *** error locked <secondes> ».',
    },
    async run(lab) {
      const server = await lab.startServer({ CHAT_PASSWORD: 'open sesame', PASSWORD_DELAY: '0', LOCKOUT_FAILURES: '4' });
      // Connected before the lockout, it waits at the prompt: the lockout reaches it too.
      const patient = await lab.connect(server, 'patient guesser');
      await patient.readUntil('PASS\n');
      const first = await tryPassword(lab, server, 'guesser', 'guess1');
      await first.readUntil('*** error password-wrong 2\n');
      first.send('guess2\n');
      await first.readUntil('*** error password-wrong 1\n');
      first.send('guess3\n');
      await first.readUntil('*** error password-wrong 0\n');
      await first.inbox.waitClosed();
      const second = await tryPassword(lab, server, 'guesser again', 'guess4');
      await second.readUntil(/\*\*\* error locked \d+\n/);
      await second.inbox.waitClosed();
      const third = await lab.connect(server, 'guesser, third time');
      await third.readUntil(/\*\*\* error locked \d+\n/);
      await third.inbox.waitClosed();
      patient.send('open sesame\n'); // the right one, from a locked-out address
      const answer = await patient.readUntil(/\*\*\* error locked \d+\n|NICK\n/);
      if (answer.endsWith('NICK\n'))
        throw patient.inbox.failure({
          en: 'a connection opened before the lockout still had its password checked',
          fr: 'une connexion ouverte avant le verrouillage a encore vu son mot de passe vérifié',
        });
      if (third.received.includes('PASS'))
        throw third.inbox.failure({
          en: 'a locked-out address was asked for the password again',
          fr: 'une adresse verrouillée s’est vu redemander le mot de passe',
        });
      const log = server.program.output.all.toString();
      if (count(log, /locked-out 127\.0\.0\.1/) !== 1)
        throw server.program.output.failure({ en: 'the lockout was not logged exactly once', fr: 'le verrouillage n’a pas été journalisé une seule fois' });
    },
  }),
  serverCheck({
    id: 'join-quit-flood',
    title: {
      en: 'one address that joins and quits in a loop is slowed down, and the room sees a bounded number of notices',
      fr: 'une adresse qui entre et sort en boucle est freinée, et le salon voit un nombre borné d’annonces',
    },
    hint: {
      en: 'A token bucket per address for new connections ("*** error too-fast <s>"), another for join notices; a departure is announced only if the arrival was.',
      fr: 'Un seau à jetons par adresse pour les nouvelles connexions (« *** error too-fast <s> »), un autre pour les annonces d’arrivée ; un départ n’est annoncé que si l’arrivée l’a été.',
    },
    async run(lab) {
      const server = await lab.startServer({ CONNECT_BURST: '12', CONNECT_RATE: '0.01', NOTICE_BURST: '4', NOTICE_RATE: '0.01' });
      const watcher = await enter(lab, server, 'watcher'); // one connection and one notice of the budgets
      let refused: Peer | undefined;
      for (let i = 0; i < 12 && !refused; i++) {
        const peer = await lab.connect(server, `looper ${i}`);
        const first = await peer.readUntil('\n');
        if (first.startsWith('*** error too-fast ')) refused = peer;
        else {
          peer.send(`looper${i}\n/quit\n`);
          await peer.inbox.waitClosed();
        }
      }
      if (!refused)
        throw new CheckFailure({
          en: '12 connections in a row from one address were all accepted (CONNECT_BURST=12, one used by the watcher)',
          fr: '12 connexions d’affilée depuis une même adresse ont toutes été acceptées (CONNECT_BURST=12, dont une pour l’observateur)',
        });
      await refused.inbox.waitClosed();
      const seen = await before(watcher, watcher, 'marker');
      const notices = count(seen, /^\*\*\* (joined|left) looper/);
      // NOTICE_BURST=4: the watcher's own arrival, then 3 loopers announced, each arrival and departure.
      if (notices > 6)
        throw watcher.inbox.failure({
          en: `the watcher saw ${notices} join/leave notices from one address (at most 6)`,
          fr: `l’observateur a vu ${notices} annonces d’arrivée ou de départ venant d’une même adresse (6 au plus)`,
        });
      if (count(seen, /^\*\*\* joined looper/) !== count(seen, /^\*\*\* left looper/))
        throw watcher.inbox.failure({
          en: 'an unannounced arrival was announced leaving, or the reverse',
          fr: 'une arrivée non annoncée a été annoncée au départ, ou l’inverse',
        });
      const log = server.program.output.all.toString();
      if (count(log, /refused/) > 1)
        throw server.program.output.failure({
          en: 'each refused connection wrote its own log line (the first, then a summary)',
          fr: 'chaque connexion refusée a écrit sa propre ligne de journal (la première, puis un résumé)',
        });
    },
  }),
  serverCheck({
    id: 'mute-holds',
    title: {
      en: 'a mute holds: no /nick, /me, /msg or /quit message while muted, and quitting then coming back (any nickname) stays muted',
      fr: 'une mise en sourdine tient : ni /nick, ni /me, ni /msg, ni message de /quit pendant, et partir puis revenir (sous n’importe quel pseudo) ne la lève pas',
    },
    hint: {
      en: 'Keep mutes in the server, by nickname key and by address, with an expiry; check them when someone joins, and in /nick.',
      fr: 'Gardez les mises en sourdine dans le serveur, par clé de pseudo et par adresse, avec une échéance ; vérifiez-les à l’arrivée et dans /nick.',
    },
    async run(lab) {
      const { server, teacher, others } = await teacherAnd(lab, {}, 'bob');
      const bob = others[0]!;
      teacher.send('/mute bob\n');
      await bob.readUntil('*** muted bob teacher\n');
      bob.send('/nick robert\n/me waves\n/msg teacher psst\n');
      await bob.readUntil('*** error muted\n*** error muted\n*** error muted\n');
      const heard = await before(teacher, teacher, 'marker one');
      for (const sign of ['renamed', 'waves', 'psst']) {
        expectAbsent(heard, sign, teacher, { en: `a muted member got through with ${sign}`, fr: `un membre réduit au silence est passé avec ${sign}` });
      }
      bob.send('/quit I can still talk\n');
      await bob.inbox.waitClosed();
      await teacher.readUntil('*** left bob quit');
      expectAbsent(await teacher.readUntil('\n'), 'still talk', teacher, {
        en: 'a muted member spoke through /quit',
        fr: 'un membre réduit au silence a parlé par /quit',
      });
      for (const nick of ['bob', 'bobby']) {
        const back = await enter(lab, server, nick);
        back.send('I am back\n');
        await back.readUntil('*** error muted\n');
        back.send('/quit\n');
        await back.inbox.waitClosed();
      }
      expectAbsent(await before(teacher, teacher, 'marker two'), 'I am back', teacher, {
        en: 'reconnecting lifted a mute',
        fr: 'se reconnecter a levé la mise en sourdine',
      });
    },
  }),
  serverCheck({
    id: 'mute-expires',
    title: {
      en: 'a mute lasts MUTE_SECONDS, no less, then lifts by itself',
      fr: 'une mise en sourdine dure MUTE_SECONDS, pas moins, puis se lève d’elle-même',
    },
    hint: {
      en: 'Store when the mute ends (now + MUTE_SECONDS × 1000 ms); a line after that time is heard again.',
      fr: 'Notez quand la sourdine finit (maintenant + MUTE_SECONDS × 1000 ms) ; une ligne après ce moment est de nouveau entendue.',
    },
    async run(lab) {
      const { teacher, others } = await teacherAnd(lab, { MUTE_SECONDS: '2' }, 'bob');
      const bob = others[0]!;
      teacher.send('/mute bob\n');
      await bob.readUntil('*** muted bob teacher\n');
      const mutedAt = Date.now();
      await sleep(1200); // well inside the 2 s
      bob.send('still muted\n');
      await bob.readUntil('*** error muted\n');
      // Then once a second until a line is heard: it must be, and not before the 2 s are over.
      for (let tries = 0; ; tries++) {
        bob.send(`try ${tries}\n`);
        if ((await nextLine(bob, /^(\*\*\* error muted|bob: try \d+)$/)) === `bob: try ${tries}`) break;
        if (tries === 5)
          throw bob.inbox.failure({ en: 'the mute did not lift after MUTE_SECONDS=2', fr: 'la sourdine ne s’est pas levée après MUTE_SECONDS=2' });
        await sleep(1000);
      }
      if (Date.now() - mutedAt < 1900)
        throw bob.inbox.failure({ en: 'the mute lifted before MUTE_SECONDS=2', fr: 'la sourdine s’est levée avant MUTE_SECONDS=2' });
      expectAbsent(await before(teacher, teacher, 'marker'), 'still muted', teacher, {
        en: 'a line was heard during the mute',
        fr: 'une ligne a été entendue pendant la sourdine',
      });
    },
  }),
  serverCheck({
    id: 'rename-budget',
    title: {
      en: 'renames come out of the address’s budget of notices: a loop of /nick cannot flood the room',
      fr: 'les changements de pseudo puisent dans le budget d’annonces de l’adresse : une boucle de /nick ne peut pas inonder le salon',
    },
    hint: {
      en: 'Before a rename, take a token from the address’s notice bucket (the one for joins); none left: "*** error flood <s>", and no rename.',
      fr: 'Avant un changement de pseudo, prenez un jeton dans le seau d’annonces de l’adresse (celui des arrivées) ; plus aucun : « *** error flood <s> », et pas de changement.',
    },
    async run(lab) {
      const server = await lab.startServer({ NOTICE_BURST: '4', NOTICE_RATE: '0.01' });
      const watcher = await enter(lab, server, 'watcher'); // one notice of the budget
      const looper = await enter(lab, server, 'looper0'); // a second
      for (let i = 1; i <= 6; i++) looper.send(`/nick looper${i}\n`);
      await looper.readUntil(/\*\*\* error flood \d+\n/);
      const seen = await before(watcher, looper, 'marker');
      const renames = count(seen, /^\*\*\* renamed looper/);
      if (renames !== 2)
        throw watcher.inbox.failure({
          en: `the watcher saw ${renames} renames from one address (NOTICE_BURST=4, two taken by arrivals: 2 expected)`,
          fr: `l’observateur a vu ${renames} changements de pseudo venant d’une même adresse (NOTICE_BURST=4, dont deux pris par les arrivées : 2 attendus)`,
        });
    },
  }),
  serverCheck({
    id: 'operator-tools',
    title: {
      en: 'an operator cannot kick themselves; /kick #n from /list, with a logged reason; /bans and /unban',
      fr: 'un opérateur ne peut pas s’exclure lui-même ; /kick #n d’après /list, avec une raison journalisée ; /bans et /unban',
    },
    hint: {
      en: 'Remember the order of the last /list per connection; keep bans with who, why and until; "*** ban <n> <address> <nick> <s> :<reason>".',
      fr: 'Retenez l’ordre du dernier /list de chaque connexion ; gardez les bannissements avec qui, pourquoi et jusqu’à quand ; « *** ban <n> <adresse> <pseudo> <s> :<raison> ».',
    },
    async run(lab) {
      const { server, teacher } = await teacherAnd(lab, { BAN_SECONDS: '60' }, 'bob');
      teacher.send('/kick teacher oops\n/mute teacher\n');
      await teacher.readUntil('*** error not-yourself\n*** error not-yourself\n');
      // A nickname nobody can type: the operator kicks it by its number in /list.
      const odd = await enter(lab, server, 'жук');
      teacher.send('/list\n');
      await teacher.readUntil('*** online ');
      const names = (await teacher.readUntil('\n')).split(' ');
      const n = names.indexOf('жук') + 1;
      if (n === 0) throw teacher.inbox.failure({ en: 'the odd nickname is not in /list', fr: 'le pseudo étrange n’est pas dans /list' });
      teacher.send(`/kick #${n} rude\n`);
      await teacher.readUntil('*** kicked жук teacher :rude\n');
      await odd.inbox.waitClosed();
      const log = server.program.output.all.toString();
      if (!/kicked \S+ from \S+ by teacher \(rude\)/.test(log))
        throw server.program.output.failure({ en: 'the kick and its reason were not logged', fr: 'l’exclusion et sa raison n’ont pas été journalisées' });
      teacher.send('/bans\n');
      await teacher.readUntil(/\*\*\* bans 1\n\*\*\* ban 1 127\.0\.0\.1 \S+ \d+ :rude\n/);
      const banned = await lab.connect(server, 'banned');
      await banned.readUntil(/\*\*\* error banned \d+\n/);
      teacher.send('/unban #1\n');
      await teacher.readUntil('*** unbanned 127.0.0.1 teacher\n');
      await enter(lab, server, 'welcome-back');
    },
  }),
  serverCheck({
    id: 'own-order',
    title: {
      en: 'a line for one person and the room lines around it arrive in the order they were caused, none lost',
      fr: 'une ligne pour une seule personne et les lignes du salon autour d’elle arrivent dans l’ordre où elles ont été provoquées, sans perte',
    },
    hint: {
      en: 'Before queuing a line for one client, queue the room lines broadcast before it that this client has not received yet.',
      fr: 'Avant de mettre en file une ligne pour un seul client, mettez-y les lignes du salon diffusées avant elle qu’il n’a pas encore reçues.',
    },
    async run(lab) {
      const server = await lab.startServer();
      const alice = await enter(lab, server, 'alice');
      alice.send('hello\n/list\n/nosuchcommand\n');
      const got = await alice.readUntil('*** error unknown-command nosuchcommand\n');
      const said = got.indexOf('alice: hello\n');
      const listed = got.indexOf('*** online ');
      if (said === -1 || listed === -1 || said > listed)
        throw alice.inbox.failure(
          { en: 'the /list answer overtook the message said just before it', fr: 'la réponse à /list a doublé le message dit juste avant' },
          'alice: hello\n*** online alice\n',
        );
      // The other way round, in one turn: a line for one person, then a room line. Both arrive, in that order.
      const bob = await enter(lab, server, 'bob');
      await alice.readUntil('*** joined bob\n');
      alice.send('/msg bob psst\nhello bob\n');
      const toBob = await bob.readUntil('alice: hello bob\n');
      if (!toBob.includes('alice -> bob: psst\n'))
        throw bob.inbox.failure(
          { en: 'the room line overtook the private message sent just before it', fr: 'la ligne du salon a doublé le message privé envoyé juste avant' },
          'alice -> bob: psst\nalice: hello bob\n',
        );
    },
  }),
  serverCheck({
    id: 'log-lookalikes',
    title: {
      en: 'the log writes a lookalike nickname escaped, so a teacher reading it can tell сосо from coco',
      fr: 'le journal écrit un pseudo trompeur en séquences d’échappement : le professeur qui le lit distingue сосо de coco',
    },
    hint: {
      en: 'In log lines, write the characters of a nickname that could pass for Latin ones as \\u{…}.',
      fr: 'Dans le journal, écrivez sous la forme \\u{…} les caractères d’un pseudo qui pourraient passer pour des lettres latines.',
    },
    async run(lab) {
      const server = await lab.startServer();
      const peer = await enter(lab, server, 'сосо'); // Cyrillic letters only: a valid nickname that looks like "coco"
      peer.send('/quit\n');
      await server.program.output.readUntil(/left \S+ from/);
      const log = server.program.output.all.toString();
      if (!log.includes('joined \\u{441}\\u{43e}\\u{441}\\u{43e} from') || log.includes('сосо')) {
        throw server.program.output.failure({
          en: 'the Cyrillic nickname was logged as it looks, like a Latin one',
          fr: 'le pseudo cyrillique a été journalisé tel qu’il s’affiche, comme un latin',
        });
      }
    },
  }),
  serverCheck({
    id: 'half-close-leaves',
    title: {
      en: 'a client that closes its side while lines wait for it leaves at once, not when they have been read',
      fr: 'un client qui ferme son côté pendant que des lignes l’attendent part aussitôt, pas quand elles ont été lues',
    },
    hint: {
      en: "When the client closes its side (Node: 'end', then 'close' at once unless allowHalfOpen; Python: recv() returns b''), leave the room then: do not wait for what was queued for it.",
      fr: "Quand le client ferme son côté (Node : 'end', puis aussitôt 'close' sauf avec allowHalfOpen ; Python : recv() renvoie b''), quittez alors le salon : n’attendez pas ce qui lui était destiné.",
    },
    async run(lab) {
      const server = await lab.startServer({ FLOOD_BURST: '1000000', FLOOD_RATE: '1000000', MAX_OUTPUT: '100000000' });
      const alice = await enter(lab, server, 'alice');
      const bob = await enter(lab, server, 'bob');
      await alice.readUntil('*** joined bob\n');
      bob.socket.pause(); // it stops reading: what the room says piles up for it
      const line = `${'y'.repeat(1000)}\n`;
      for (let i = 0; i < 4000; i++) alice.send(line); // 4 MB: more than the kernel's buffers hold
      alice.send('marker\n');
      await alice.readUntil('alice: marker\n', 20000);
      bob.socket.end(); // its side is closed; it still does not read
      await alice.readUntil('*** left bob closed\n');
    },
  }),
];
