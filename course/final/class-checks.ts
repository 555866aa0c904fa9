// final/ on a school network: TLS, a room password, and a teacher who moderates.
// Each part is optional on the server; these checks turn each one on.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Check } from '../../checker/check.ts';
import { CheckFailure } from '../../checker/failure.ts';
import type { Lab, RunningServer } from '../../checker/lab.ts';
import { makeCertificate } from '../../tools/cert.ts';
import { expectAbsent, expectOneLineError } from '../common.ts';
import { before, enter } from './checks.ts';

/** Certificates made once per test process: the class's, another CA's, one for another host. */
let made: { good: { cert: string; key: string }; otherCa: { cert: string; key: string }; otherHost: { cert: string; key: string } } | undefined;
function certificates() {
  if (!made) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chatroom-certs-'));
    made = {
      good: makeCertificate({ out: path.join(dir, 'good'), names: ['localhost', '127.0.0.1', '::1'], days: 2 }),
      otherCa: makeCertificate({ out: path.join(dir, 'other-ca'), names: ['localhost', '127.0.0.1'], days: 2 }),
      otherHost: makeCertificate({ out: path.join(dir, 'other-host'), names: ['other.example'], days: 2 }),
    };
  }
  return made;
}

async function tlsServer(lab: Lab, which: 'good' | 'otherHost' = 'good', env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const { cert, key } = certificates()[which];
  return lab.startServer({ TLS_CERT: cert, TLS_KEY: key, ...env });
}

const trusting = async (which: 'good' | 'otherCa' = 'good') => ({ ca: await readFile(certificates()[which].cert) });

const english = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };

export const checks: Check[] = [
  {
    id: 'tls-chat',
    title: { en: 'TLS: two clients chat through an encrypted server', fr: 'TLS : deux clients discutent à travers un serveur chiffré' },
    hint: { en: 'With --tls-cert and --tls-key, wrap each connection in TLS; the chat protocol is unchanged inside.', fr: 'Avec --tls-cert et --tls-key, enveloppez chaque connexion dans TLS ; le protocole ne change pas à l’intérieur.' },
    needs: ['server', 'openssl'],
    async run(lab) {
      const server = await tlsServer(lab);
      const secure = await trusting();
      const alice = await lab.connect(server, 'alice', secure);
      await alice.readExactly('NICK\n');
      alice.send('alice\n');
      await alice.readExactly('*** welcome alice 1\n');
      const bob = await lab.connect(server, 'bob', secure);
      await bob.readExactly('NICK\n');
      bob.send('bob\n');
      await bob.readUntil('*** welcome bob 2\n');
      bob.send('secret plans\n');
      await alice.readUntil('bob: secret plans\n');
    },
  },
  {
    id: 'tls-plain-refused',
    title: { en: 'TLS: a plain-text client gets a clear refusal, not a hang', fr: 'TLS : un client en clair reçoit un refus clair, pas une attente sans fin' },
    hint: { en: 'A TLS client speaks first (byte 0x16). Anything else, or silence for a second: send "*** error tls-required" in clear and close.', fr: 'Un client TLS parle le premier (octet 0x16). Autre chose, ou une seconde de silence : envoyez « *** error tls-required » en clair et fermez.' },
    needs: ['server', 'openssl'],
    async run(lab) {
      const server = await tlsServer(lab);
      const silent = await lab.connect(server, 'silent plain client');
      await silent.readUntil('*** error tls-required\n');
      await silent.inbox.waitClosed();
      const talker = await lab.connect(server, 'talking plain client');
      talker.send('alice\n');
      await talker.readUntil('*** error tls-required\n');
      await talker.inbox.waitClosed();
    },
  },
  {
    id: 'tls-stalled-handshake',
    title: { en: 'TLS: a stalled handshake is dropped after HANDSHAKE_TIMEOUT and frees its slot', fr: 'TLS : une poignée de main bloquée est coupée après HANDSHAKE_TIMEOUT et libère sa place' },
    hint: { en: 'Keep connections in handshake in a list with their start time; one timer closes the old ones.', fr: 'Gardez les connexions en cours de poignée de main dans une liste avec leur heure d’arrivée ; un minuteur ferme les anciennes.' },
    needs: ['server', 'openssl'],
    async run(lab) {
      // Long enough for an honest handshake on a busy machine, short enough for the test.
      const server = await tlsServer(lab, 'good', { HANDSHAKE_TIMEOUT: '2', MAX_PER_IP: '1' });
      const staller = await lab.connect(server, 'staller');
      staller.send(Buffer.from([0x16, 0x03, 0x01])); // the start of a TLS record, then nothing
      await staller.inbox.waitClosed(10000);
      const next = await lab.connect(server, 'next', await trusting()); // its place is free again
      await next.readExactly('NICK\n');
      const third = await lab.connect(server, 'one too many', await trusting());
      await third.readUntil('*** error too-many-connections\n'); // limits stay on under TLS
    },
  },
  {
    id: 'tls-client',
    title: { en: 'TLS: the client connects with --ca, and refuses an untrusted or misnamed certificate', fr: 'TLS : le client se connecte avec --ca, et refuse un certificat inconnu ou au mauvais nom' },
    hint: { en: 'tls.connect({ ca }) checks the chain and the host name; explain ERR_TLS_CERT_ALTNAME_INVALID and SELF_SIGNED errors in one line.', fr: 'tls.connect({ ca }) vérifie la chaîne et le nom d’hôte ; expliquez en une ligne les erreurs ERR_TLS_CERT_ALTNAME_INVALID et SELF_SIGNED.' },
    needs: ['server', 'client', 'openssl'],
    async run(lab) {
      const certs = certificates();
      const server = await tlsServer(lab);
      const client = lab.startClient(server.port, 'client', english, ['--ca', certs.good.cert, '--nick', 'alice']);
      await client.output.readUntil('Welcome, alice!');
      client.writeLine('over TLS');
      await client.output.readUntil('alice: over TLS');
      await expectOneLineError(lab.startClient(server.port, 'client trusting another CA', english, ['--ca', certs.otherCa.cert, '--nick', 'x']), 'not trusted');
      const misnamed = await tlsServer(lab, 'otherHost');
      await expectOneLineError(lab.startClient(misnamed.port, 'client of a misnamed server', english, ['--ca', certs.otherHost.cert, '--nick', 'x']), '127.0.0.1');
    },
  },
  {
    id: 'password',
    title: { en: 'password: asked before the nickname; wrong ones answered late; 3 wrong close', fr: 'mot de passe : demandé avant le pseudo ; les mauvais reçoivent une réponse tardive ; 3 erreurs ferment' },
    hint: { en: 'Send "PASS"; compare with crypto.timingSafeEqual; on a wrong one wait PASSWORD_DELAY, then "*** error password-wrong <left>".', fr: 'Envoyez « PASS » ; comparez avec crypto.timingSafeEqual ; sur une erreur, attendez PASSWORD_DELAY, puis « *** error password-wrong <restants> ».' },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer({ CHAT_PASSWORD: 'open sesame', PASSWORD_DELAY: '0.3' });
      const good = await lab.connect(server, 'right password');
      await good.readExactly('PASS\n');
      good.send('open sesame\n');
      await good.readExactly('NICK\n');
      const bad = await lab.connect(server, 'guesser');
      await bad.readExactly('PASS\n');
      for (const left of [2, 1, 0]) {
        const asked = Date.now();
        bad.send('sesame?\n');
        await bad.readExactly(`*** error password-wrong ${left}\n`);
        if (Date.now() - asked < 250) throw new CheckFailure({ en: 'a wrong password was answered without the delay', fr: 'un mauvais mot de passe a reçu une réponse sans délai' });
        if (left > 0) await bad.readExactly('PASS\n');
      }
      await bad.inbox.waitClosed();
      if (server.program.output.all.toString().includes('sesame')) throw server.program.output.failure({ en: 'a password was written to the log', fr: 'un mot de passe a été écrit dans le journal' });
    },
  },
  {
    id: 'password-client',
    title: { en: 'password: the client asks for it (or reads CHAT_PASSWORD) and never prints it', fr: 'mot de passe : le client le demande (ou lit CHAT_PASSWORD) et ne l’affiche jamais' },
    hint: { en: 'On "PASS", read a line without echoing it; take CHAT_PASSWORD for the first try.', fr: 'Sur « PASS », lisez une ligne sans l’afficher ; prenez CHAT_PASSWORD pour le premier essai.' },
    needs: ['server', 'client'],
    async run(lab) {
      const server = await lab.startServer({ CHAT_PASSWORD: 'open sesame', PASSWORD_DELAY: '0.1' });
      const typed = lab.startClient(server.port, 'typing client', english, ['--nick', 'alice']);
      await typed.output.readUntil('Room password');
      typed.writeLine('open sesame');
      await typed.output.readUntil('Welcome, alice!');
      const fromEnv = lab.startClient(server.port, 'client with CHAT_PASSWORD', { ...english, CHAT_PASSWORD: 'open sesame' }, ['--nick', 'bob']);
      await fromEnv.output.readUntil('Welcome, bob!');
      for (const client of [typed, fromEnv]) {
        if (client.output.all.toString().includes('sesame')) throw client.output.failure({ en: 'the client printed the password', fr: 'le client a affiché le mot de passe' });
      }
    },
  },
  {
    id: 'moderation',
    title: { en: 'a teacher: /op, then /mute, /unmute and /kick, seen by all; others cannot', fr: 'un enseignant : /op, puis /mute, /unmute et /kick, vus de tous ; les autres ne peuvent pas' },
    hint: { en: 'Keep an operator flag per connection; check it in each command; broadcast "*** muted|unmuted|kicked <nick> <by>".', fr: 'Gardez un drapeau opérateur par connexion ; vérifiez-le dans chaque commande ; diffusez « *** muted|unmuted|kicked <pseudo> <par> ».' },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer({ OP_PASSWORD: 'chalk', BAN_SECONDS: '30' });
      const teacher = await enter(lab, server, 'teacher');
      const bob = await enter(lab, server, 'bob');
      const carol = await enter(lab, server, 'carol');
      bob.send('/kick carol\n');
      await bob.readUntil('*** error not-operator\n');
      teacher.send('/op chalkboard\n');
      await teacher.readUntil('*** error password-wrong 2\n');
      teacher.send('/op chalk\n');
      await carol.readUntil('*** operator teacher\n');
      teacher.send('/mute bob\n');
      await carol.readUntil('*** muted bob teacher\n');
      bob.send('can anyone hear me\n');
      await bob.readUntil('*** error muted\n');
      expectAbsent(await before(carol, teacher, 'marker one'), 'hear me', carol, { en: 'a muted user was heard', fr: 'un utilisateur réduit au silence a été entendu' });
      teacher.send('/unmute bob\n');
      await carol.readUntil('*** unmuted bob teacher\n');
      bob.send('thanks\n');
      await carol.readUntil('bob: thanks\n');
      teacher.send('/kick bob enough for today\n');
      await carol.readUntil('*** kicked bob teacher :enough for today\n');
      await bob.inbox.waitClosed();
      const back = await lab.connect(server, 'bob again');
      await back.readUntil(/\*\*\* error banned \d+\n/);
      await back.inbox.waitClosed();
      teacher.send('still teaching\n');
      await carol.readUntil('teacher: still teaching\n');
    },
  },
];
