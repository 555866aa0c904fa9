// final/ on a school network: TLS, a room password, and a teacher who moderates.
// Each part is optional on the server; these checks turn each one on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Check } from '../../checker/check.ts';
import { CheckFailure } from '../../checker/failure.ts';
import type { Lab, RunningServer } from '../../checker/lab.ts';
import { makeCertificate } from '../../tools/cert.ts';
import { freePort } from '../../checker/network.ts';
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
const french = { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

/** Fail when `secret` appears anywhere in what a program printed. */
function expectNotPrinted(program: { output: { all: Buffer; failure(reason: { en: string; fr: string }): CheckFailure } }, secret: string): void {
  if (program.output.all.toString().includes(secret))
    throw program.output.failure({ en: `it printed a secret (${secret})`, fr: `il a affiché un secret (${secret})` });
}

export const checks: Check[] = [
  {
    id: 'tls-chat',
    title: { en: 'TLS: two clients chat through an encrypted server', fr: 'TLS : deux clients discutent à travers un serveur chiffré' },
    hint: {
      en: 'With --tls-cert and --tls-key, wrap each connection in TLS; the chat protocol is unchanged inside.',
      fr: 'Avec --tls-cert et --tls-key, enveloppez chaque connexion dans TLS ; le protocole ne change pas à l’intérieur.',
    },
    needs: ['server'],
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
    hint: {
      en: 'A TLS client speaks first (byte 0x16). Anything else, or silence for a second: send "*** error tls-required" in clear and close.',
      fr: 'Un client TLS parle le premier (octet 0x16). Autre chose, ou une seconde de silence : envoyez « *** error tls-required » en clair et fermez.',
    },
    needs: ['server'],
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
    title: {
      en: 'TLS: a stalled handshake is dropped after HANDSHAKE_TIMEOUT and frees its slot',
      fr: 'TLS : une poignée de main bloquée est coupée après HANDSHAKE_TIMEOUT et libère sa place',
    },
    hint: {
      en: 'Keep connections in handshake in a list with their start time; one timer closes the old ones.',
      fr: 'Gardez les connexions en cours de poignée de main dans une liste avec leur heure d’arrivée ; un minuteur ferme les anciennes.',
    },
    needs: ['server'],
    async run(lab) {
      // Long enough for an honest handshake on a busy machine, short enough for the test.
      const server = await tlsServer(lab, 'good', { HANDSHAKE_TIMEOUT: '2', MAX_PER_IP: '1' });
      const staller = await lab.connect(server, 'staller');
      staller.send(Buffer.from([0x16, 0x03, 0x01])); // the start of a TLS record, then nothing
      await staller.inbox.waitClosed(10000);
      // Its slot is free when the server has closed it on its side and says so, not when the staller sees the close.
      await server.program.output.readUntil(/tls-error [^\n]*handshake not finished/);
      const next = await lab.connect(server, 'next', await trusting()); // its place is free again
      await next.readExactly('NICK\n');
      const third = await lab.connect(server, 'one too many', await trusting());
      await third.readUntil('*** error too-many-connections\n'); // limits stay on under TLS
    },
  },
  {
    id: 'tls-client',
    title: {
      en: 'TLS: the client connects with --ca, and refuses an untrusted or misnamed certificate',
      fr: 'TLS : le client se connecte avec --ca, et refuse un certificat inconnu ou au mauvais nom',
    },
    hint: {
      en: 'tls.connect({ ca }) checks the chain and the host name; explain ERR_TLS_CERT_ALTNAME_INVALID and SELF_SIGNED errors in one line.',
      fr: 'tls.connect({ ca }) vérifie la chaîne et le nom d’hôte ; expliquez en une ligne les erreurs ERR_TLS_CERT_ALTNAME_INVALID et SELF_SIGNED.',
    },
    needs: ['server', 'client'],
    async run(lab) {
      const certs = certificates();
      const server = await tlsServer(lab);
      const client = lab.startClient(server.port, 'client', english, ['--ca', certs.good.cert, '--nick', 'alice']);
      await client.output.readUntil('Welcome, alice!');
      client.writeLine('over TLS');
      await client.output.readUntil('alice: over TLS');
      await expectOneLineError(lab.startClient(server.port, 'client trusting another CA', english, ['--ca', certs.otherCa.cert, '--nick', 'x']), 'not trusted');
      const misnamed = await tlsServer(lab, 'otherHost');
      await expectOneLineError(
        lab.startClient(misnamed.port, 'client of a misnamed server', english, ['--ca', certs.otherHost.cert, '--nick', 'x']),
        '127.0.0.1',
      );
    },
  },
  {
    id: 'password',
    title: {
      en: 'password: asked before the nickname; wrong ones answered late; 3 wrong close',
      fr: 'mot de passe : demandé avant le pseudo ; les mauvais reçoivent une réponse tardive ; 3 erreurs ferment',
    },
    hint: {
      en: 'Send "PASS"; compare with crypto.timingSafeEqual; on a wrong one wait PASSWORD_DELAY, then "*** error password-wrong <left>".',
      fr: 'Envoyez « PASS » ; comparez avec crypto.timingSafeEqual ; sur une erreur, attendez PASSWORD_DELAY, puis « *** error password-wrong <restants> ».',
    },
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
        if (Date.now() - asked < 250)
          throw new CheckFailure({ en: 'a wrong password was answered without the delay', fr: 'un mauvais mot de passe a reçu une réponse sans délai' });
        if (left > 0) await bad.readExactly('PASS\n');
      }
      await bad.inbox.waitClosed();
      if (server.program.output.all.toString().includes('sesame'))
        throw server.program.output.failure({ en: 'a password was written to the log', fr: 'un mot de passe a été écrit dans le journal' });
    },
  },
  {
    id: 'password-client',
    title: {
      en: 'password: the client asks for it (or reads CHAT_PASSWORD) and never prints it',
      fr: 'mot de passe : le client le demande (ou lit CHAT_PASSWORD) et ne l’affiche jamais',
    },
    hint: {
      en: 'On "PASS", read a line without echoing it; take CHAT_PASSWORD for the first try.',
      fr: 'Sur « PASS », lisez une ligne sans l’afficher ; prenez CHAT_PASSWORD pour le premier essai.',
    },
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
        if (client.output.all.toString().includes('sesame'))
          throw client.output.failure({ en: 'the client printed the password', fr: 'le client a affiché le mot de passe' });
      }
    },
  },
  {
    id: 'moderation',
    title: {
      en: 'a teacher: /op, then /mute, /unmute and /kick, seen by all; others cannot',
      fr: 'un enseignant : /op, puis /mute, /unmute et /kick, vus de tous ; les autres ne peuvent pas',
    },
    hint: {
      en: 'Keep an operator flag per connection; check it in each command; broadcast "*** muted|unmuted|kicked <nick> <by>".',
      fr: 'Gardez un drapeau opérateur par connexion ; vérifiez-le dans chaque commande ; diffusez « *** muted|unmuted|kicked <pseudo> <par> ».',
    },
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
      expectAbsent(await before(carol, teacher, 'marker one'), 'hear me', carol, {
        en: 'a muted user was heard',
        fr: 'un utilisateur réduit au silence a été entendu',
      });
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
  {
    id: 'password-clear-warning',
    title: {
      en: 'a password without TLS: the server warns at start, not with TLS',
      fr: 'un mot de passe sans TLS : le serveur prévient au démarrage, pas avec TLS',
    },
    hint: {
      en: 'After reading the options: a room or operator password and no certificate is one "warning" line in the log.',
      fr: 'Après lecture des options : un mot de passe (salon ou opérateur) sans certificat donne une ligne « warning » dans le journal.',
    },
    needs: ['server', 'openssl'],
    async run(lab) {
      for (const env of [{ CHAT_PASSWORD: 'open sesame' }, { OP_PASSWORD: 'chalk' }]) {
        const clear = await lab.startServer(env);
        await clear.program.output.readUntil(/warning [^\n]*password[^\n]* clear text/);
        expectNotPrinted(clear.program, Object.values(env)[0]!);
      }
      const secure = await tlsServer(lab, 'good', { CHAT_PASSWORD: 'open sesame', OP_PASSWORD: 'chalk' });
      const startup = await secure.program.output.readUntil(' listening ');
      if (startup.includes('clear text'))
        throw secure.program.output.failure({
          en: 'it warned of clear-text passwords although it uses TLS',
          fr: 'il a prévenu de mots de passe en clair alors qu’il utilise TLS',
        });
    },
  },
  {
    id: 'secrets-not-printed',
    title: {
      en: 'a password never reaches an error message: a password file typed as the password, a Redis URL',
      fr: 'un mot de passe n’apparaît jamais dans un message d’erreur : fichier de mot de passe tapé à la place du mot de passe, URL Redis',
    },
    hint: {
      en: 'Name the option and the error code, never the file (it may be the password); write a URL as redis://user:***@host.',
      fr: 'Nommez l’option et le code d’erreur, jamais le fichier (ce peut être le mot de passe) ; écrivez une URL redis://user:***@hôte.',
    },
    needs: ['server'],
    async run(lab) {
      for (const flag of ['--password-file', '--op-password-file']) {
        const typo = (await lab.spawnServer({}, undefined, [flag, 'hunter2-typed-here'])).program;
        await expectOneLineError(typo, `${flag}: cannot read the file: no such file (ENOENT)`);
        expectNotPrinted(typo, 'hunter2');
      }
      const nowhere = (await lab.spawnServer({ REDIS_URL: `redis://teacher:hunter2@127.0.0.1:${await freePort()}` })).program;
      await expectOneLineError(nowhere, 'redis://teacher:***@127.0.0.1');
      expectNotPrinted(nowhere, 'hunter2');
    },
  },
  {
    id: 'tls-files',
    title: {
      en: 'TLS: a missing, unreadable or mismatched certificate or key: one clear line',
      fr: 'TLS : certificat ou clé absent, illisible ou dépareillé : une ligne claire',
    },
    hint: {
      en: 'Read and check both files with the options (X509Certificate, createPrivateKey, createSecureContext); name the option, never print the key file.',
      fr: 'Lisez et vérifiez les deux fichiers avec les options (X509Certificate, createPrivateKey, createSecureContext) ; nommez l’option, n’affichez jamais le fichier de clé.',
    },
    needs: ['server', 'openssl'],
    async run(lab) {
      const { good, otherCa } = certificates();
      const start = async (cert: string, key: string) => (await lab.spawnServer({ TLS_CERT: cert, TLS_KEY: key })).program;
      await expectOneLineError(await start('/nonexistent/cert.pem', good.key), '--tls-cert: cannot read /nonexistent/cert.pem: no such file (ENOENT)');
      const noKey = await start(good.cert, '/nonexistent/secret-key.pem');
      await expectOneLineError(noKey, '--tls-key: cannot read the file: no such file (ENOENT)');
      expectNotPrinted(noKey, 'secret-key');
      await expectOneLineError(await start(good.key, good.key), '--tls-cert');
      await expectOneLineError(await start(good.cert, good.cert), '--tls-key: the file is not a private key');
      await expectOneLineError(await start(good.cert, otherCa.key), '--tls-key is not the key of the certificate');
    },
  },
  {
    id: 'tls-expiry-warning',
    title: {
      en: 'TLS: the server warns at start when its certificate expires within 7 days',
      fr: 'TLS : le serveur prévient au démarrage quand son certificat expire dans moins de 7 jours',
    },
    hint: {
      en: 'new X509Certificate(pem).validTo: expired, or within 7 days, is a "warning" line that says to run npm run cert.',
      fr: 'new X509Certificate(pem).validTo : expiré, ou dans moins de 7 jours, donne une ligne « warning » qui dit de lancer npm run cert.',
    },
    needs: ['server', 'openssl'],
    async run(lab) {
      const server = await tlsServer(lab); // made for 2 days
      const startup = await server.program.output.readUntil(' listening ');
      if (!/warning [^\n]*certificate expires on [^\n]*npm run cert/.test(startup)) {
        throw server.program.output.failure({
          en: 'no warning before listening, with a certificate that expires in 2 days',
          fr: 'pas d’avertissement avant l’écoute, avec un certificat qui expire dans 2 jours',
        });
      }
    },
  },
  {
    id: 'tls-logs',
    title: {
      en: 'TLS: failed handshakes are logged with their cause (untrusted, plain text, stalled)',
      fr: 'TLS : les poignées de main ratées sont journalisées avec leur cause (non reconnu, en clair, bloquée)',
    },
    hint: {
      en: 'Log one "tls-error" line when a connection in handshake closes: the alert the client sent, or why it was dropped.',
      fr: 'Journalisez une ligne « tls-error » quand une connexion en poignée de main se ferme : l’alerte envoyée par le client, ou la raison de sa coupure.',
    },
    needs: ['server', 'openssl'],
    async run(lab) {
      const server = await tlsServer(lab, 'good', { HANDSHAKE_TIMEOUT: '1' });
      const log = server.program.output;
      // A client that does not trust the certificate hangs up in the middle of the handshake.
      await lab.connect(server, 'client trusting another CA', await trusting('otherCa')).then(
        () => {
          throw new CheckFailure({ en: 'a client trusting another CA connected', fr: 'un client qui reconnaît une autre autorité s’est connecté' });
        },
        () => {},
      );
      await log.readUntil(/tls-error 127\.0\.0\.1:\d+: [^\n]*(closed during the handshake|unknown ca|certificate)/);
      const plain = await lab.connect(server, 'plain-text client');
      plain.send('alice\n');
      await plain.inbox.waitClosed();
      await log.readUntil(/tls-error 127\.0\.0\.1:\d+: [^\n]*plain text/);
      const staller = await lab.connect(server, 'staller');
      staller.send(Buffer.from([0x16, 0x03, 0x01]));
      await log.readUntil(/tls-error 127\.0\.0\.1:\d+: [^\n]*handshake not finished in 1 s/);
    },
  },
  {
    id: 'logs-moderation',
    title: {
      en: 'the log says who kicked whom and why, and a refused nickname, but never a /quit message',
      fr: 'le journal dit qui a exclu qui et pourquoi, et un pseudo refusé, mais jamais un message de /quit',
    },
    hint: {
      en: 'Log the kick with its reason where the kicked member leaves; log "nick-taken"; log "left ... (quit)" without the text.',
      fr: 'Journalisez l’exclusion et sa raison là où le membre exclu part ; journalisez « nick-taken » ; « left ... (quit) » sans le texte.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer({ OP_PASSWORD: 'chalk' });
      const log = server.program.output;
      const teacher = await enter(lab, server, 'teacher');
      const bob = await enter(lab, server, 'bob');
      const copycat = await lab.connect(server, 'copycat');
      await copycat.readUntil('NICK\n');
      copycat.send('bob\n');
      await copycat.readUntil('*** error nick-taken bob\n');
      await log.readUntil(/nick-taken bob refused to 127\.0\.0\.1:\d+/);
      copycat.send('dan\n');
      await copycat.readUntil('*** welcome dan');
      copycat.send('/quit my farewell words\n');
      await log.readUntil(/left dan from 127\.0\.0\.1:\d+ \(quit\)\n/);
      teacher.send('/op chalk\n');
      await teacher.readUntil('*** operator teacher\n');
      teacher.send('/kick bob enough for today\n');
      await bob.inbox.waitClosed();
      await log.readUntil(/kicked bob from 127\.0\.0\.1:\d+ by teacher \(enough for today\)\n/);
      if (log.all.toString().includes('farewell'))
        throw log.failure({ en: 'a /quit message was written to the log', fr: 'un message de /quit a été écrit dans le journal' });
    },
  },
  {
    id: 'logs-summarised',
    title: {
      en: 'a flood of refused connections or wrong passwords is summarised in the log, not a line each',
      fr: 'un flot de connexions refusées ou de mauvais mots de passe est résumé dans le journal, pas une ligne chacun',
    },
    hint: {
      en: 'Log the first event of an address; count the next ones; every LOG_SUMMARY seconds, one line with the count.',
      fr: 'Journalisez le premier événement d’une adresse ; comptez les suivants ; toutes les LOG_SUMMARY secondes, une ligne avec le nombre.',
    },
    needs: ['server'],
    async run(lab) {
      const server = await lab.startServer({
        MAX_PER_IP: '1',
        LOG_SUMMARY: '1',
        CHAT_PASSWORD: 'open sesame',
        PASSWORD_DELAY: '0',
        PASSWORD_ATTEMPTS: '20',
        LOCKOUT_FAILURES: '100',
      });
      const log = server.program.output;
      const holder = await lab.connect(server, 'first connection');
      await holder.readExactly('PASS\n');
      const flood = 20;
      await Promise.all(
        Array.from({ length: flood }, async (_, i) => {
          const refused = await lab.connect(server, `refused ${i}`);
          await refused.readUntil(/\*\*\* error (too-many-connections|too-fast \d+)\n/);
        }),
      );
      for (let i = 0; i < flood; i++) {
        holder.send('wrong\n');
        await holder.readUntil(`*** error password-wrong ${19 - i}\n`);
        if (i < flood - 1) await holder.readExactly('PASS\n');
      }
      // Every event is accounted for, in full lines and counts; some of them in counts.
      for (const [event, noun] of [
        ['refused', 'connections'],
        ['password-wrong', 'wrong passwords'],
      ] as const) {
        const summary = new RegExp(`${event} (\\d+) more ${noun} from 127\\.0\\.0\\.1 in 1 s\\n`);
        let counted = 0;
        while (counted + fullLines(log.all.toString(), event) < flood) {
          await log.readUntil(summary);
          counted = [...log.all.toString().matchAll(new RegExp(summary.source, 'g'))].reduce((sum, match) => sum + Number(match[1]), 0);
        }
        if (counted === 0)
          throw log.failure({
            en: `${flood} ${noun} in a burst made a log line each`,
            fr: `${flood} événements « ${event} » d’un coup ont fait une ligne chacun`,
          });
      }
    },
  },
  {
    id: 'client-files-and-clear-password',
    title: {
      en: 'client: a missing or invalid --ca file is one clear line; a password without TLS is warned of (EN/FR)',
      fr: 'client : un fichier --ca absent ou invalide donne une ligne claire ; un mot de passe sans TLS est signalé (EN/FR)',
    },
    hint: {
      en: 'Read the --ca file before connecting and explain ENOENT; before answering PASS on a plain connection, print a warning.',
      fr: 'Lisez le fichier --ca avant de vous connecter et expliquez ENOENT ; avant de répondre à PASS sur une connexion en clair, affichez un avertissement.',
    },
    needs: ['server', 'client', 'openssl'],
    async run(lab) {
      const missing = lab.startClient(await freePort(), 'client with a missing --ca', english, ['--ca', '/nonexistent/class.pem']);
      await expectOneLineError(missing, 'Cannot read the certificate given with --ca (/nonexistent/class.pem): no such file (ENOENT).');
      const manquant = lab.startClient(await freePort(), 'client en français', french, ['--ca', '/nonexistent/class.pem']);
      await expectOneLineError(manquant, 'fichier introuvable (ENOENT)');
      const notPem = path.join(mkdtempSync(path.join(os.tmpdir(), 'chatroom-ca-')), 'notes.txt');
      writeFileSync(notPem, 'not a certificate\n');
      await expectOneLineError(
        lab.startClient(await freePort(), 'client with a text file as --ca', english, ['--ca', notPem]),
        'not a certificate in PEM form',
      );
      for (const [env, warning] of [
        [english, 'not encrypted'],
        [french, 'pas chiffrée'],
      ] as const) {
        const clear = await lab.startServer({ CHAT_PASSWORD: 'open sesame' });
        const client = lab.startClient(clear.port, 'client without TLS', { ...env, CHAT_PASSWORD: 'open sesame' }, ['--nick', 'alice']);
        await client.output.readUntil(warning);
        await client.output.readUntil('alice');
      }
      const secure = await tlsServer(lab, 'good', { CHAT_PASSWORD: 'open sesame' });
      const client = lab.startClient(secure.port, 'client with TLS', { ...english, CHAT_PASSWORD: 'open sesame' }, [
        '--ca',
        certificates().good.cert,
        '--nick',
        'alice',
      ]);
      const before = await client.output.readUntil('Welcome, alice!');
      if (before.includes('not encrypted'))
        throw client.output.failure({
          en: 'it warned of a clear-text password over TLS',
          fr: 'il a signalé un mot de passe en clair alors que la connexion est chiffrée',
        });
    },
  },
];

/** Log lines of `event` written in full (not a summary's count). */
function fullLines(log: string, event: string): number {
  return log.split('\n').filter((line) => line.includes(` ${event} `) && !/ \d+ more /.test(line)).length;
}
