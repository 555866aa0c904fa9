// final/: the robust chatroom. Its protocol is written in docs/protocol.md:
// UTF-8 lines; NICK handshake; "nick: text" signed by the server; notices as
// "*** code args [:text]". Every guard is checked from outside, over TCP.
import net from 'node:net';
import { readFile } from 'node:fs/promises';
import type { Check } from '../../checker/check.ts';
import { CheckFailure } from '../../checker/failure.ts';
import type { Lab, RunningServer } from '../../checker/lab.ts';
import { canBind, freePort } from '../../checker/network.ts';
import { Peer } from '../../checker/peer.ts';
import { expectAbsent, expectOneLineError } from '../common.ts';

/** Connect, answer NICK, and wait for the welcome. */
export async function enter(lab: Lab, server: RunningServer, nick: string): Promise<Peer> {
  const peer = await lab.connect(server, nick);
  await peer.readUntil('NICK\n');
  peer.send(`${nick}\n`);
  await peer.readUntil(new RegExp(`\\*\\*\\* welcome \\S+ \\d+\\n`));
  return peer;
}

/** Two people in the room, alice then bob, both past the handshake. */
async function pair(lab: Lab, env: NodeJS.ProcessEnv = {}) {
  const server = await lab.startServer(env);
  const alice = await enter(lab, server, 'alice');
  const bob = await enter(lab, server, 'bob');
  await alice.readUntil('*** joined bob\n');
  return { server, alice, bob };
}

/** Lines `who` received before `marker`: the way to prove that something did NOT arrive. */
export async function before(peer: Peer, sender: Peer, marker: string): Promise<string> {
  sender.send(`${marker}\n`);
  return peer.readUntil(marker);
}

const serverCheck = (check: Omit<Check, 'needs'>): Check => ({ ...check, needs: ['server'] });

/** Peak memory of a process, in bytes (Linux), or null when it cannot be read. */
async function peakMemory(pid: number | undefined): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status?.match(/VmHWM:\s+(\d+) kB/)?.[1];
  return kb ? Number(kb) * 1024 : null;
}

export const checks: Check[] = [
  serverCheck({
    id: 'handshake',
    title: { en: 'asks NICK, welcomes the newcomer and tells the others', fr: 'demande NICK, accueille le nouveau venu et prévient les autres' },
    hint: {
      en: 'Send "NICK\\n"; on a valid answer send "*** welcome <nick> <count>" to it and "*** joined <nick>" to the others.',
      fr: 'Envoyez « NICK\\n » ; sur une réponse valide, envoyez « *** welcome <pseudo> <nombre> » au nouveau et « *** joined <pseudo> » aux autres.',
    },
    async run(lab) {
      const server = await lab.startServer();
      const alice = await lab.connect(server, 'alice');
      await alice.readExactly('NICK\n');
      alice.send('alice\n');
      await alice.readExactly('*** welcome alice 1\n');
      const bob = await enter(lab, server, 'bob');
      await alice.readExactly('*** joined bob\n');
      bob.send('hello\n');
      await alice.readExactly('bob: hello\n');
      await bob.readExactly('bob: hello\n');
    },
  }),
  serverCheck({
    id: 'startup-line',
    title: { en: 'says where it listens when it starts', fr: 'dit où il écoute au démarrage' },
    hint: { en: 'Print a line with the host and port once listen() has succeeded.', fr: 'Affichez une ligne avec l’hôte et le port une fois listen() réussi.' },
    async run(lab) {
      const server = await lab.startServer();
      await server.program.output.readUntil(`127.0.0.1:${server.port}`);
    },
  }),
  serverCheck({
    id: 'crlf-telnet',
    title: {
      en: 'accepts lines ended by \\r\\n (telnet) and lines split across packets',
      fr: 'accepte les lignes finies par \\r\\n (telnet) et coupées en plusieurs paquets',
    },
    hint: {
      en: 'Split the byte stream on "\\n" yourself and drop a "\\r" before it; keep an unfinished line until its end arrives.',
      fr: 'Découpez vous-même le flux d’octets sur « \\n » et retirez le « \\r » qui précède ; gardez une ligne inachevée jusqu’à sa fin.',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      alice.send('hel');
      alice.send('lo over\r');
      alice.send('\n');
      await bob.readExactly('alice: hello over\n');
      await alice.readExactly('alice: hello over\n');
      bob.send('one\r\ntwo\r\n');
      await alice.readExactly('bob: one\n');
      await alice.readExactly('bob: two\n');
    },
  }),
  serverCheck({
    id: 'nick-refused',
    title: { en: 'refuses a bad nickname with a reason and asks again', fr: 'refuse un mauvais pseudo en disant pourquoi, et redemande' },
    hint: {
      en: 'Nicknames: 1–16 letters, digits, "_" or "-". On a bad one send "*** error nick-invalid <problem>" (length, characters...) then "NICK" again.',
      fr: 'Pseudos : 1 à 16 lettres, chiffres, « _ » ou « - ». Pour un mauvais, envoyez « *** error nick-invalid <problème> » (length, characters…) puis à nouveau « NICK ».',
    },
    async run(lab) {
      const server = await lab.startServer();
      const peer = await lab.connect(server, 'newcomer');
      await peer.readExactly('NICK\n');
      for (const [bad, problem] of [
        ['two words', 'characters'],
        ['x'.repeat(17), 'length'],
        ['a:b', 'characters'],
        ['*star*', 'characters'],
        ['', 'length'],
      ]) {
        peer.send(`${bad}\n`);
        await peer.readExactly(`*** error nick-invalid ${problem}\n`);
        await peer.readExactly('NICK\n');
      }
      peer.send('Éloïse\n');
      await peer.readExactly('*** welcome Éloïse 1\n');
    },
  }),
  serverCheck({
    id: 'nick-unique',
    title: {
      en: 'nicknames are unique, ignoring case and accent encoding (Zoé = ZOÉ = Zoe + ◌́)',
      fr: 'les pseudos sont uniques, sans tenir compte de la casse ni du codage des accents (Zoé = ZOÉ = Zoe + ◌́)',
    },
    hint: {
      en: 'Compare nickname.normalize("NFC").toLowerCase(); answer "*** error nick-taken <nick>" then "NICK".',
      fr: 'Comparez pseudo.normalize("NFC").toLowerCase() ; répondez « *** error nick-taken <pseudo> » puis « NICK ».',
    },
    async run(lab) {
      const server = await lab.startServer();
      await enter(lab, server, 'Zoé');
      const other = await lab.connect(server, 'other');
      await other.readExactly('NICK\n');
      for (const same of ['ZOÉ', 'zoe\u0301']) {
        other.send(`${same}\n`);
        await other.readUntil('*** error nick-taken ');
        await other.readUntil('NICK\n');
      }
      other.send('Zoe\n'); // without the accent, another name
      await other.readExactly('*** welcome Zoe 2\n');
    },
  }),
  serverCheck({
    id: 'no-spoofing',
    title: {
      en: 'signs every message itself: nobody can speak as someone else or fake a notice',
      fr: 'signe lui-même chaque message : personne ne peut parler au nom d’un autre ni imiter une annonce',
    },
    hint: {
      en: 'Prefix each line with the sender’s own nickname, taken from the connection, never from the text.',
      fr: 'Préfixez chaque ligne par le pseudo de l’expéditeur, pris dans la connexion, jamais dans le texte.',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      alice.send('bob: I owe alice 100 euros\n*** left bob quit\nNICK\n');
      await bob.readExactly('alice: bob: I owe alice 100 euros\n');
      await bob.readExactly('alice: *** left bob quit\n');
      await bob.readExactly('alice: NICK\n');
    },
  }),
  serverCheck({
    id: 'order-no-loss',
    title: { en: 'delivers every line of a well-behaved client, in order', fr: 'livre chaque ligne d’un client correct, dans l’ordre' },
    hint: {
      en: 'One line in, one line out to each member, in the order received.',
      fr: 'Une ligne reçue, une ligne envoyée à chacun, dans l’ordre d’arrivée.',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      const lines = Array.from({ length: 10 }, (_, i) => `line ${i} é`);
      alice.send(lines.map((line) => `${line}\n`).join(''));
      for (const line of lines) await bob.readExactly(`alice: ${line}\n`);
    },
  }),
  serverCheck({
    id: 'nick-command',
    title: { en: '/nick renames, tells everyone, and refuses a taken name', fr: '/nick renomme, prévient tout le monde, et refuse un nom pris' },
    hint: {
      en: 'Check and reserve the new name like at the handshake; broadcast "*** renamed <old> <new>".',
      fr: 'Vérifiez et réservez le nouveau nom comme à la poignée de main ; diffusez « *** renamed <ancien> <nouveau> ».',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      alice.send('/nick Alicia\n');
      await bob.readExactly('*** renamed alice Alicia\n');
      await alice.readExactly('*** renamed alice Alicia\n');
      bob.send('/nick ALICIA\n');
      await bob.readExactly('*** error nick-taken ALICIA\n');
      alice.send('hi\n');
      await bob.readExactly('Alicia: hi\n');
    },
  }),
  serverCheck({
    id: 'private',
    title: { en: '/msg reaches only its recipient (and echoes to the sender)', fr: '/msg n’atteint que son destinataire (avec un écho à l’expéditeur)' },
    hint: {
      en: 'Find the recipient by nickname key; send "<from> -> <to>: <text>" to it and to the sender only.',
      fr: 'Trouvez le destinataire par la clé de son pseudo ; envoyez « <de> -> <à>: <texte> » à lui et à l’expéditeur seulement.',
    },
    async run(lab) {
      const { server, alice, bob } = await pair(lab);
      const carol = await enter(lab, server, 'carol');
      alice.send('/msg BOB psst, a secret\n');
      await bob.readExactly('*** joined carol\n');
      await bob.readExactly('alice -> bob: psst, a secret\n');
      await alice.readUntil('alice -> bob: psst, a secret\n');
      expectAbsent(await before(carol, alice, 'public marker'), 'secret', carol, { en: 'carol saw a private message', fr: 'carol a vu un message privé' });
      alice.send('/msg nobody hello?\n');
      await alice.readUntil('*** error no-such-nick nobody\n');
    },
  }),
  serverCheck({
    id: 'list-me-help',
    title: {
      en: '/list, /me and /help work; an unknown command is an error to its sender only',
      fr: '/list, /me et /help marchent ; une commande inconnue est une erreur pour son seul auteur',
    },
    hint: {
      en: '"*** online <nicks...>", "* <nick> <action>", "*** help <command> :<usage>", "*** error unknown-command <name>".',
      fr: '« *** online <pseudos...> », « * <pseudo> <action> », « *** help <commande> :<usage> », « *** error unknown-command <nom> ».',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      alice.send('/list\n');
      await alice.readUntil('*** online alice bob\n');
      alice.send('/me waves\n');
      await bob.readExactly('* alice waves\n');
      alice.send('/help\n');
      await alice.readUntil('*** help msg :');
      alice.send('/dance\n');
      await alice.readUntil('*** error unknown-command dance\n');
      expectAbsent(await before(bob, alice, 'marker'), /help|unknown-command|online/, bob, {
        en: 'bob received another user’s command output',
        fr: 'bob a reçu la réponse à la commande d’un autre',
      });
    },
  }),
  serverCheck({
    id: 'quit-reason',
    title: { en: '/quit closes the connection and tells the others why', fr: '/quit ferme la connexion et dit aux autres pourquoi' },
    hint: {
      en: 'Broadcast "*** left <nick> quit :<reason>", then end the socket.',
      fr: 'Diffusez « *** left <pseudo> quit :<raison> », puis fermez le socket.',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      bob.send('/quit see you tomorrow\n');
      await alice.readExactly('*** left bob quit :see you tomorrow\n');
      await bob.inbox.waitClosed();
    },
  }),
  serverCheck({
    id: 'quit-half-open',
    title: {
      en: 'a client that keeps its side open after /quit (as nc does) still leaves the room',
      fr: 'un client qui garde sa moitié ouverte après /quit (comme nc) quitte quand même le salon',
    },
    hint: {
      en: 'After socket.end(), destroy the socket if the client has not closed within a short grace.',
      fr: 'Après socket.end(), détruisez le socket si le client n’a pas fermé après un court délai.',
    },
    async run(lab) {
      const { server, alice } = await pair(lab);
      const socket = net.connect({ port: server.port, host: server.host, allowHalfOpen: true });
      const lingering = new Peer(socket, 'lingering client');
      try {
        await lingering.readUntil('NICK\n');
        lingering.send('dan\n');
        await alice.readUntil('*** joined dan\n');
        lingering.send('/quit\n');
        await alice.readUntil('*** left dan quit\n', 8000);
      } finally {
        socket.destroy();
      }
    },
  }),
  serverCheck({
    id: 'abrupt-leave',
    title: {
      en: 'announces a client that closes or resets its connection, with the reason',
      fr: 'annonce un client qui ferme ou coupe sa connexion, avec la raison',
    },
    hint: {
      en: '"end" means closed, "error" means reset; announce once, on "close".',
      fr: '« end » veut dire fermé, « error » coupé ; annoncez une seule fois, sur « close ».',
    },
    async run(lab) {
      const { server, alice, bob } = await pair(lab);
      const carol = await enter(lab, server, 'carol');
      bob.end();
      await alice.readUntil('*** left bob closed\n');
      carol.reset();
      await alice.readUntil('*** left carol reset\n');
      alice.send('still here\n');
      await alice.readUntil('alice: still here\n');
    },
  }),
  serverCheck({
    id: 'too-long',
    title: {
      en: 'refuses a line over 1024 bytes, drops it to its newline, and carries on',
      fr: 'refuse une ligne de plus de 1024 octets, la jette jusqu’à son retour à la ligne, et continue',
    },
    hint: {
      en: 'When an unfinished line passes the limit, send "*** error too-long 1024" and skip bytes until the next "\\n".',
      fr: 'Quand une ligne inachevée dépasse la limite, envoyez « *** error too-long 1024 » et sautez les octets jusqu’au prochain « \\n ».',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      const fits = 'a'.repeat(1024 - 'alice: '.length); // the limit is on what the client sends
      alice.send(`${fits}\n`);
      await bob.readExactly(`alice: ${fits}\n`);
      alice.send(`${'b'.repeat(600)}`);
      alice.send(`${'b'.repeat(600)}\nafter the long line\n`);
      await alice.readUntil('*** error too-long 1024\n');
      const seen = await bob.readUntil('alice: after the long line\n');
      expectAbsent(seen, 'bbbb', bob, { en: 'part of the long line was relayed', fr: 'une partie de la ligne trop longue a été relayée' });
    },
  }),
  {
    needs: ['server', 'procfs'],
    id: 'bounded-memory',
    title: {
      en: 'a client streaming 256 MB without a newline does not make the server keep it',
      fr: 'un client qui envoie 256 Mo sans retour à la ligne ne les fait pas garder au serveur',
    },
    hint: { en: 'Never keep more than the line limit of an unfinished line.', fr: 'Ne gardez jamais plus que la limite d’une ligne inachevée.' },
    async run(lab) {
      const { server, alice, bob } = await pair(lab);
      const start = await peakMemory(server.program.pid);
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 256; i++) {
        if (!alice.socket.write(chunk)) await new Promise((resolve) => alice.socket.once('drain', resolve));
        // Nothing of it should reach bob: a server that relays it fails now, not after 256 MB.
        if (bob.inbox.unread.length > 1024 * 1024)
          throw bob.inbox.failure({
            en: 'the server relayed the line it should have refused: more than 1 MB of it reached bob',
            fr: 'le serveur a relayé la ligne qu’il devait refuser : plus d’1 Mo en est parvenu à bob',
          });
      }
      alice.send('\nback to normal\n');
      await bob.readUntil('alice: back to normal\n', 20000);
      const end = await peakMemory(server.program.pid);
      // Chunks the server has read and dropped may wait a while for the garbage
      // collector; a server that kept the line would have grown by 256 MB.
      if (start === null || end === null) {
        throw new CheckFailure({
          en: 'the server’s memory could not be read (/proc): did it stop?',
          fr: 'impossible de lire la mémoire du serveur (/proc) : s’est-il arrêté ?',
        });
      }
      if (end - start > 96 * 1024 * 1024) {
        throw new CheckFailure({
          en: `the server's peak memory grew by ${Math.round((end - start) / 1048576)} MB while receiving 256 MB without a newline`,
          fr: `la mémoire du serveur a crû de ${Math.round((end - start) / 1048576)} Mo pendant la réception de 256 Mo sans retour à la ligne`,
        });
      }
    },
  },
  serverCheck({
    id: 'bad-utf8',
    title: {
      en: 'refuses a line that is not valid UTF-8, and relays nothing of it',
      fr: 'refuse une ligne qui n’est pas de l’UTF-8 valide, et n’en relaie rien',
    },
    hint: {
      en: 'Check the bytes (buffer.isUtf8, or TextDecoder with fatal: true) before decoding; answer "*** error bad-utf8".',
      fr: 'Vérifiez les octets (buffer.isUtf8, ou TextDecoder avec fatal: true) avant de décoder ; répondez « *** error bad-utf8 ».',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      alice.send(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])); // "café" in Latin-1, not UTF-8
      await alice.readUntil('*** error bad-utf8\n');
      alice.send(Buffer.from([0xc3, 0x28, 0x0a])); // a broken two-byte sequence
      await alice.readUntil('*** error bad-utf8\n');
      expectAbsent(await before(bob, alice, 'café, in UTF-8'), /caf|\ufffd/, bob, {
        en: 'invalid bytes were relayed',
        fr: 'des octets invalides ont été relayés',
      });
    },
  }),
  serverCheck({
    id: 'terminal-safe',
    title: {
      en: 'strips control characters, ANSI escapes, C1 controls and bidi overrides',
      fr: 'retire les caractères de contrôle, les séquences ANSI, les contrôles C1 et les forçages bidi',
    },
    hint: {
      en: 'Remove whole escape sequences (ESC [ … letter), then any C0/C1 control and U+202A–U+202E, U+2066–U+2069.',
      fr: 'Retirez les séquences d’échappement entières (ESC [ … lettre), puis tout contrôle C0/C1 et U+202A–U+202E, U+2066–U+2069.',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      alice.send('\x1b[2J\x1b[31mred\x1b[0m bell\x07 back\bspace \u202eevil\u202c \x9b31m \x1b]0;title\x07done\n');
      const line = await bob.readUntil('done\n');
      // eslint-disable-next-line no-control-regex -- the control characters are what the check looks for
      if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(line)) {
        throw new CheckFailure(
          { en: 'a control character reached another user', fr: 'un caractère de contrôle est parvenu à un autre utilisateur' },
          { who: 'bob', received: Buffer.from(line) },
        );
      }
      if (!line.includes('red bell backspace evil')) {
        throw new CheckFailure(
          { en: 'the visible text was damaged', fr: 'le texte visible a été abîmé' },
          { who: 'bob', expected: 'alice: red bell backspace evil', received: Buffer.from(line) },
        );
      }
    },
  }),
  serverCheck({
    id: 'flood',
    title: {
      en: 'a flood is cut after a burst of 10 lines, with a notice to the flooder',
      fr: 'une rafale est coupée après 10 lignes, avec un avertissement à son auteur',
    },
    hint: {
      en: 'A token bucket per client: 10 tokens, 1 back per second; no token, no relay, and one "*** error flood <s>" per burst.',
      fr: 'Un seau à jetons par client : 10 jetons, 1 de plus par seconde ; sans jeton, rien n’est relayé, et un seul « *** error flood <s> » par rafale.',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab);
      alice.send(Array.from({ length: 40 }, (_, i) => `spam ${i}\n`).join(''));
      await alice.readUntil(/\*\*\* error flood \d+\n/);
      const received = await before(bob, bob, 'bob speaks');
      const relayed = received.split('\n').filter((line) => line.startsWith('alice: spam')).length;
      if (relayed > 12) {
        throw new CheckFailure({
          en: `${relayed} of 40 flood lines were relayed (at most 10 + refill)`,
          fr: `${relayed} lignes de la rafale de 40 ont été relayées (10 au plus, plus la recharge)`,
        });
      }
      if (relayed < 10)
        throw new CheckFailure({
          en: `only ${relayed} lines of the burst were relayed: the first 10 should pass`,
          fr: `seules ${relayed} lignes de la rafale sont passées : les 10 premières devraient passer`,
        });
    },
  }),
  serverCheck({
    id: 'slow-consumer',
    title: {
      en: 'drops a client that stops reading once 1 MiB waits for it; the others get everything',
      fr: 'lâche un client qui ne lit plus dès qu’1 Mio l’attend ; les autres reçoivent tout',
    },
    hint: {
      en: 'After each write, check socket.writableLength; past the limit, destroy that socket (never wait for it).',
      fr: 'Après chaque écriture, regardez socket.writableLength ; au-delà de la limite, détruisez ce socket (ne l’attendez jamais).',
    },
    async run(lab) {
      const server = await lab.startServer({ FLOOD_BURST: '1000000', FLOOD_RATE: '1000000' });
      const sender = await enter(lab, server, 'sender');
      const reader = await enter(lab, server, 'reader');
      const sleeper = await enter(lab, server, 'sleeper');
      sleeper.socket.pause(); // it stops reading: the kernel buffers fill, then the server's
      const line = `${'z'.repeat(1000)}\n`;
      const total = 24000; // 24 MB: far beyond the kernel's buffers and the 1 MiB allowance
      let counted = 0;
      const allRead = new Promise<void>((resolve) => {
        reader.stopRecording(); // 24 MB: count the lines instead of keeping them
        reader.socket.on('data', (chunk: Buffer) => {
          for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) counted++;
          if (counted >= total + 1) resolve();
        });
      });
      for (let i = 0; i < total; i++) {
        if (!sender.socket.write(line)) await new Promise((resolve) => sender.socket.once('drain', resolve));
        // A reader that reads is never more than 256 KB behind: the sender waits for it.
        while (i - counted > 256) await new Promise((resolve) => reader.socket.once('data', resolve));
      }
      sender.socket.write('last\n');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new CheckFailure({ en: `the reader got ${counted} of ${total + 1} lines`, fr: `le lecteur a reçu ${counted} lignes sur ${total + 1}` })),
          20000,
        );
      });
      await Promise.race([allRead, late]).finally(() => clearTimeout(timer));
      await sender.readUntil('*** left sleeper too-slow\n');
      sleeper.socket.resume(); // read what was sent before the drop, then the end
      await sleeper.inbox.waitClosed(10000).catch(() => {
        throw new CheckFailure({ en: 'the client that stopped reading is still connected', fr: 'le client qui ne lit plus est toujours connecté' });
      });
    },
  }),
  serverCheck({
    id: 'nick-timeout',
    title: { en: 'closes a connection that never gives a nickname (NICK_TIMEOUT)', fr: 'ferme une connexion qui ne donne jamais de pseudo (NICK_TIMEOUT)' },
    hint: {
      en: 'Check the time since connection regularly (one timer for all clients); send "*** error nick-timeout", then close.',
      fr: 'Vérifiez régulièrement le temps écoulé depuis la connexion (un minuteur pour tous) ; envoyez « *** error nick-timeout », puis fermez.',
    },
    async run(lab) {
      const server = await lab.startServer({ NICK_TIMEOUT: '0.5' });
      const silent = await lab.connect(server, 'silent');
      await silent.readUntil('*** error nick-timeout\n');
      await silent.inbox.waitClosed();
    },
  }),
  serverCheck({
    id: 'ping',
    title: { en: 'pings a silent client, keeps it if it answers, drops it if not', fr: 'sonde un client silencieux, le garde s’il répond, le lâche sinon' },
    hint: {
      en: 'After IDLE_TIMEOUT seconds of silence send "*** ping"; any line answers; none within PING_TIMEOUT: close, reason timeout.',
      fr: 'Après IDLE_TIMEOUT secondes de silence, envoyez « *** ping » ; toute ligne y répond ; rien avant PING_TIMEOUT : fermez, raison timeout.',
    },
    async run(lab) {
      const { alice, bob } = await pair(lab, { IDLE_TIMEOUT: '0.4', PING_TIMEOUT: '1' });
      await alice.readUntil('*** ping\n');
      alice.send('/pong\n');
      // From now on alice keeps talking; bob never answers.
      const keepAlive = setInterval(() => alice.send('/pong\n'), 100);
      try {
        await bob.readUntil('*** ping\n');
        await alice.readUntil('*** left bob timeout\n');
        alice.send('still alive\n');
        await alice.readUntil('alice: still alive\n');
      } finally {
        clearInterval(keepAlive);
      }
    },
  }),
  serverCheck({
    id: 'max-clients',
    title: { en: 'refuses politely beyond MAX_CLIENTS connections', fr: 'refuse poliment au-delà de MAX_CLIENTS connexions' },
    hint: {
      en: 'Count connections; the one too many gets "*** error server-full" and is closed.',
      fr: 'Comptez les connexions ; celle de trop reçoit « *** error server-full » puis est fermée.',
    },
    async run(lab) {
      const server = await lab.startServer({ MAX_CLIENTS: '3' });
      for (const nick of ['one', 'two', 'three']) await enter(lab, server, nick);
      const late = await lab.connect(server, 'fourth');
      await late.readUntil('*** error server-full\n');
      await late.inbox.waitClosed();
    },
  }),
  serverCheck({
    id: 'max-per-ip',
    title: { en: 'refuses more than MAX_PER_IP connections from one address', fr: 'refuse plus de MAX_PER_IP connexions depuis une même adresse' },
    hint: {
      en: 'Count connections per socket.remoteAddress; refuse with "*** error too-many-connections".',
      fr: 'Comptez les connexions par socket.remoteAddress ; refusez avec « *** error too-many-connections ».',
    },
    async run(lab) {
      const server = await lab.startServer({ MAX_PER_IP: '2' });
      await enter(lab, server, 'one');
      const second = await enter(lab, server, 'two');
      const third = await lab.connect(server, 'third');
      await third.readUntil('*** error too-many-connections\n');
      await third.inbox.waitClosed();
      second.end();
      await second.inbox.waitClosed();
      await enter(lab, server, 'three'); // a place was freed
    },
  }),
  {
    needs: ['server', 'signals'],
    id: 'graceful-shutdown',
    title: {
      en: 'on SIGTERM and Ctrl+C, tells everyone, closes, and exits with code 0',
      fr: 'sur SIGTERM et Ctrl+C, prévient tout le monde, ferme, et sort avec le code 0',
    },
    hint: {
      en: 'On the signal: send "*** shutdown" to every client, end the sockets, close the server, then exit(0).',
      fr: 'Au signal : envoyez « *** shutdown » à chaque client, fermez les sockets et le serveur, puis exit(0).',
    },
    async run(lab) {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const { server, alice, bob } = await pair(lab);
        server.program.signal(signal);
        for (const peer of [alice, bob]) {
          await peer.readUntil('*** shutdown\n');
          await peer.inbox.waitClosed();
        }
        const exit = await server.program.waitExit();
        if (exit.code !== 0)
          throw new CheckFailure({
            en: `after ${signal} the server exited with ${exit.code ?? exit.signal}, not 0`,
            fr: `après ${signal}, le serveur est sorti avec ${exit.code ?? exit.signal}, pas 0`,
          });
      }
    },
  },
  serverCheck({
    id: 'logs',
    title: {
      en: 'logs joins and leaves with a timestamp, never a private message',
      fr: 'journalise arrivées et départs avec l’heure, jamais un message privé',
    },
    hint: {
      en: 'One line per event, starting with the ISO time; log who and why, not what was said privately.',
      fr: 'Une ligne par événement, commençant par l’heure ISO ; notez qui et pourquoi, pas ce qui s’est dit en privé.',
    },
    async run(lab) {
      const { server, alice, bob } = await pair(lab);
      alice.send('/msg bob the secret word is swordfish\n');
      await bob.readUntil('swordfish\n');
      bob.send('/quit my farewell words\n');
      await alice.readUntil('*** left bob quit :my farewell words\n');
      const log = server.program.output;
      await log.readUntil(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\n]*alice/);
      await log.readUntil(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\n]*bob[^\n]*quit/);
      if (log.all.toString().includes('swordfish'))
        throw log.failure({ en: 'a private message was written to the log', fr: 'un message privé a été écrit dans le journal' });
      if (log.all.toString().includes('farewell'))
        throw log.failure({ en: 'a /quit message was written to the log', fr: 'un message de /quit a été écrit dans le journal' });
    },
  }),
  serverCheck({
    id: 'cli',
    title: {
      en: '--help, a bad option, a port in use and IPv6 (--host ::1) behave',
      fr: '--help, une mauvaise option, un port occupé et IPv6 (--host ::1) se comportent bien',
    },
    hint: {
      en: 'parseArgs from node:util; one line for each user error, exit code not 0.',
      fr: 'parseArgs de node:util ; une ligne par erreur de l’utilisateur, code de sortie non nul.',
    },
    async run(lab) {
      const help = (await lab.spawnServer({}, undefined, ['--help'])).program;
      const exit = await help.waitExit();
      if (exit.code !== 0 || !help.output.all.toString().includes('--port'))
        throw help.output.failure({ en: '--help did not print the options and exit 0', fr: '--help n’a pas affiché les options avec le code 0' });
      await expectOneLineError((await lab.spawnServer({}, undefined, ['--max-line', 'lots'])).program, 'max-line');
      const port = await freePort();
      const squatter = net.createServer().listen(port, '127.0.0.1');
      try {
        await expectOneLineError((await lab.spawnServer({ PORT: String(port) })).program, String(port));
      } finally {
        squatter.close();
      }
      if (await canBind('::1')) await enter(lab, await lab.startServer({ HOST: '::1' }), 'ipv6');
    },
  }),
  ...clientChecks(),
];

/** The final client, driven through its keyboard (stdin) against a scripted server. */
function clientChecks(): Check[] {
  const english = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
  /** Start the client and get it into the room as alice. */
  async function joinedClient(lab: Lab, env: NodeJS.ProcessEnv = english, args: string[] = []) {
    const server = await lab.fakeServer();
    const client = lab.startClient(server.port, 'client', env, args);
    const peer = await server.accept();
    peer.send('NICK\n');
    if (!args.includes('--nick')) client.writeLine('alice');
    await peer.readExactly('alice\n');
    peer.send('*** welcome alice 2\n');
    return { server, client, peer };
  }
  const clientCheck = (check: Omit<Check, 'needs'>): Check => ({ ...check, needs: ['client'] });
  return [
    clientCheck({
      id: 'client-chat',
      title: {
        en: 'the client asks a nickname, sends what you type, shows what others say',
        fr: 'le client demande un pseudo, envoie ce que vous tapez, affiche ce que disent les autres',
      },
      hint: {
        en: 'On "NICK", ask the nickname; afterwards every line typed is sent with "\\n".',
        fr: 'Sur « NICK », demandez le pseudo ; ensuite, chaque ligne tapée part avec « \\n ».',
      },
      async run(lab) {
        const { client, peer } = await joinedClient(lab);
        await client.output.readUntil('Welcome, alice!');
        peer.send('bob: hello alice\n* bob waves\nbob -> alice: psst\n');
        await client.output.readUntil('bob: hello alice');
        await client.output.readUntil('* bob waves');
        await client.output.readUntil(/private\]? bob → alice: psst/);
        client.writeLine('hi bob');
        await peer.readExactly('hi bob\n');
      },
    }),
    clientCheck({
      id: 'client-nick-option',
      title: {
        en: 'the client gives --nick at the prompt, and asks again when it is taken',
        fr: 'le client donne --nick à l’invite, et redemande s’il est pris',
      },
      hint: {
        en: 'Answer the first NICK with --nick; after "*** error nick-taken", ask the user.',
        fr: 'Répondez au premier NICK avec --nick ; après « *** error nick-taken », demandez à l’utilisateur.',
      },
      async run(lab) {
        const server = await lab.fakeServer();
        const client = lab.startClient(server.port, 'client', english, ['--nick', 'bob']);
        const peer = await server.accept();
        peer.send('NICK\n');
        await peer.readExactly('bob\n');
        peer.send('*** error nick-taken bob\nNICK\n');
        await client.output.readUntil('already taken');
        await client.output.readUntil('Choose a nickname');
        client.writeLine('bobby');
        await peer.readExactly('bobby\n');
      },
    }),
    clientCheck({
      id: 'client-sanitises',
      title: {
        en: 'the client strips control characters before printing, whatever the server sends',
        fr: 'le client retire les caractères de contrôle avant d’afficher, quoi que le serveur envoie',
      },
      hint: {
        en: 'Sanitise every piece of text from the network again before printing it.',
        fr: 'Nettoyez à nouveau chaque morceau de texte venu du réseau avant de l’afficher.',
      },
      async run(lab) {
        const { client, peer } = await joinedClient(lab, { ...english, NO_COLOR: '1' });
        // Every kind of line the client prints: a message, an action (/me), a private message, a line it does not know.
        peer.send('bob: \x1b[2J\x1b]0;pwned\x07clear\x08ed \u202eevil\n');
        peer.send('* bob \x1b[31mwaves\x07 red\n');
        peer.send('bob -> alice: \x1b]0;title\x07psst\x1b[1A up\n');
        peer.send('something \x9b31m odd\x1b[0m end\n');
        const shown = await client.output.readUntil(' end');
        // eslint-disable-next-line no-control-regex -- the control characters are what the check looks for
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/.test(client.output.all.toString())) {
          throw new CheckFailure(
            { en: 'a control character reached the terminal', fr: 'un caractère de contrôle a atteint le terminal' },
            { who: 'client', received: Buffer.from(shown) },
          );
        }
      },
    }),
    clientCheck({
      id: 'client-french',
      title: { en: 'the client speaks French when LANG is French, English otherwise', fr: 'le client parle français quand LANG est français, anglais sinon' },
      hint: {
        en: 'Pick the language from --lang or LANG, then translate each notice code.',
        fr: 'Choisissez la langue avec --lang ou LANG, puis traduisez chaque code d’annonce.',
      },
      async run(lab) {
        for (const [env, expected] of [
          [{ ...english, LANG: 'fr_FR.UTF-8' }, 'bob a rejoint le salon'],
          [english, 'bob joined the chat'],
        ] as const) {
          const { client, peer } = await joinedClient(lab, env);
          peer.send('*** joined bob\n');
          await client.output.readUntil(expected);
        }
      },
    }),
    clientCheck({
      id: 'client-pong',
      title: { en: 'the client answers the server’s ping by itself', fr: 'le client répond tout seul au ping du serveur' },
      hint: { en: 'On "*** ping", send "/pong" and show nothing.', fr: 'Sur « *** ping », envoyez « /pong » sans rien afficher.' },
      async run(lab) {
        const { peer } = await joinedClient(lab);
        peer.send('*** ping\n');
        await peer.readUntil('/pong\n');
      },
    }),
    clientCheck({
      id: 'client-quit',
      title: { en: '/quit and Ctrl+D leave cleanly, with exit code 0', fr: '/quit et Ctrl+D partent proprement, avec le code 0' },
      hint: { en: 'Send "/quit", end the socket, exit(0) when it closes.', fr: 'Envoyez « /quit », fermez le socket, exit(0) à sa fermeture.' },
      async run(lab) {
        for (const leave of ['/quit', 'Ctrl+D']) {
          const { client, peer } = await joinedClient(lab);
          await client.output.readUntil('Welcome, alice!'); // in the room: leaving before it is client-quit-early
          if (leave === '/quit') client.writeLine('/quit bye');
          else client.endInput();
          await peer.readUntil('/quit');
          peer.end();
          const exit = await client.waitExit();
          if (exit.code !== 0)
            throw new CheckFailure(
              { en: `after ${leave}, exit code ${exit.code}, not 0`, fr: `après ${leave}, code de sortie ${exit.code}, pas 0` },
              { output: client.lastLines() },
            );
        }
      },
    }),
    clientCheck({
      id: 'client-quit-early',
      title: {
        en: 'Ctrl+D before the welcome arrives still leaves cleanly, with exit code 0',
        fr: 'Ctrl+D avant l’arrivée de l’accueil part quand même proprement, avec le code 0',
      },
      hint: {
        en: 'Once leaving, stay leaving: a welcome that crosses your /quit must not put you back in the room.',
        fr: 'Une fois sur le départ, restez-y : un accueil qui croise votre /quit ne doit pas vous remettre dans le salon.',
      },
      async run(lab) {
        const server = await lab.fakeServer({ allowHalfOpen: true }); // it can answer after the client's goodbye
        const client = lab.startClient(server.port, 'client', english, ['--nick', 'alice']);
        const peer = await server.accept();
        peer.send('NICK\n');
        await peer.readExactly('alice\n');
        client.endInput();
        await peer.readUntil('/quit\n');
        peer.send('*** welcome alice 2\n'); // sent before the server read the goodbye
        peer.end();
        const exit = await client.waitExit();
        if (exit.code !== 0)
          throw new CheckFailure(
            { en: `exit code ${exit.code}, not 0, when the welcome crossed Ctrl+D`, fr: `code de sortie ${exit.code}, pas 0, quand l’accueil a croisé Ctrl+D` },
            { output: client.lastLines() },
          );
      },
    }),
    clientCheck({
      id: 'client-server-gone',
      title: {
        en: 'the client says so when the server goes away, and exits with a non-zero code',
        fr: 'le client le dit quand le serveur disparaît, et sort avec un code non nul',
      },
      hint: {
        en: 'On the socket’s close, unless you are leaving: print one line, exit(1).',
        fr: 'À la fermeture du socket, sauf si vous partez : une ligne, puis exit(1).',
      },
      async run(lab) {
        const { client, peer } = await joinedClient(lab);
        await client.output.readUntil('Welcome');
        peer.end();
        await client.output.readUntil('closed the connection');
        const exit = await client.waitExit();
        if (exit.code === 0) throw new CheckFailure({ en: 'exit code 0 after losing the server', fr: 'code de sortie 0 après la perte du serveur' });
      },
    }),
    clientCheck({
      id: 'client-no-server',
      title: {
        en: 'the client, with no server running: one clear line, no stack trace',
        fr: 'le client, sans serveur lancé : une ligne claire, sans pile d’appels',
      },
      hint: {
        en: "Check err.code === 'ECONNREFUSED' in the socket's 'error' listener.",
        fr: "Testez err.code === 'ECONNREFUSED' dans l’écouteur 'error' du socket.",
      },
      async run(lab) {
        await expectOneLineError(lab.startClient(await freePort(), 'client', english), 'start');
      },
    }),
  ];
}
