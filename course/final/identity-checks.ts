// final/: who is who. A nickname that looks like another one is the same
// nickname; nothing invisible gets into a name or a message; the client's
// wrapped lines cannot pass for lines of their own. Checked over TCP, as a
// student trying to pass for the teacher would try it.
import type { Check } from '../../checker/check.ts';
import { CheckFailure } from '../../checker/failure.ts';
import type { Lab } from '../../checker/lab.ts';
import type { Peer } from '../../checker/peer.ts';
import { enter } from './checks.ts';

const serverCheck = (check: Omit<Check, 'needs'>): Check => ({ ...check, needs: ['server'] });
const clientCheck = (check: Omit<Check, 'needs'>): Check => ({ ...check, needs: ['client'] });
const english = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1' };

/** Answer NICK with each name and expect each refusal, then NICK again. */
async function refused(peer: Peer, tries: [nick: string, answer: string][]): Promise<void> {
  for (const [nick, answer] of tries) {
    peer.send(`${nick}\n`);
    await peer.readExactly(`${answer}\n`);
    await peer.readExactly('NICK\n');
  }
}

/** The client, in the room as alice, printing to a terminal `columns` wide. */
async function clientIn(lab: Lab, env: NodeJS.ProcessEnv) {
  const server = await lab.fakeServer();
  const client = lab.startClient(server.port, 'client', env);
  const peer = await server.accept();
  peer.send('NICK\n');
  client.writeLine('alice');
  await peer.readExactly('alice\n');
  peer.send('*** welcome alice 2\n');
  return { client, peer };
}

/** Columns a line takes in a terminal (CJK and emoji count two). */
const columnsOf = (line: string) =>
  [...line].reduce((sum, ch) => sum + (/[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{Extended_Pictographic}]/u.test(ch) ? 2 : 1), 0);

export const checks: Check[] = [
  serverCheck({
    id: 'nick-lookalikes',
    title: {
      en: 'a nickname that looks like one in the room is taken (ａｌｉｃｅ, 𝐚𝐥𝐢𝐜𝐞, alıce, Cyrillic ѕсоре...)',
      fr: 'un pseudo qui ressemble à un pseudo présent est pris (ａｌｉｃｅ, 𝐚𝐥𝐢𝐜𝐞, alıce, ѕсоре en cyrillique…)',
    },
    hint: {
      en: 'Compare nicknames by their key: NFKC, case folding, then the UTS #39 skeleton (confusables.txt); refuse a mix of scripts with "*** error nick-invalid scripts".',
      fr: 'Comparez les pseudos par leur clé : NFKC, repli de casse, puis le squelette UTS #39 (confusables.txt) ; refusez un mélange d’écritures par « *** error nick-invalid scripts ».',
    },
    async run(lab) {
      const server = await lab.startServer();
      const alice = await enter(lab, server, 'alice');
      for (const nick of ['student', 'scope']) {
        await enter(lab, server, nick);
        await alice.readExactly(`*** joined ${nick}\n`);
      }
      const other = await lab.connect(server, 'lookalike');
      await other.readExactly('NICK\n');
      // Cherokee capitals and Latin small capitals read ALICE: case is folded as Unicode does, small capitals too.
      const taken = ['ALICE', 'ａｌｉｃｅ', '𝐚𝐥𝐢𝐜𝐞', 'alıce', 'alİce', 'ſtudent', 'ѕсоре', 'ᎪᏞᎥᏟᎬ', 'ᴀʟɪᴄᴇ'];
      await refused(
        other,
        taken.map((nick) => [nick, `*** error nick-taken ${nick}`]),
      );
      await refused(
        other,
        ['аlice', 'αlice', 'sсope'].map((nick) => [nick, '*** error nick-invalid scripts']),
      );
      other.send('alicia\n');
      await other.readExactly('*** welcome alicia 4\n');
      await alice.readExactly('*** joined alicia\n'); // and nobody before
      other.send('/nick ａｌｉｃｅ\n');
      await other.readExactly('*** error nick-taken ａｌｉｃｅ\n');
    },
  }),
  serverCheck({
    id: 'nick-invisible',
    title: {
      en: 'refuses invisible characters, accents without a letter and names without a letter, saying the rule',
      fr: 'refuse les caractères invisibles, les accents sans lettre et les pseudos sans lettre, en disant la règle',
    },
    hint: {
      en: 'Refuse \\p{Default_Ignorable_Code_Point}, \\p{Cf} and variation selectors ("*** error nick-invalid invisible"), a mark first or piled up ("marks"), no \\p{L} or \\p{Nd} ("letter").',
      fr: 'Refusez \\p{Default_Ignorable_Code_Point}, \\p{Cf} et les sélecteurs de variante (« *** error nick-invalid invisible »), une marque en tête ou empilée (« marks »), aucun \\p{L} ni \\p{Nd} (« letter »).',
    },
    async run(lab) {
      const server = await lab.startServer();
      const alice = await enter(lab, server, 'alice');
      const other = await lab.connect(server, 'invisible');
      await other.readExactly('NICK\n');
      const tries: [string, string][] = [
        ['alice\uFE0F', 'invisible'], // variation selector
        ['alice\u3164', 'invisible'], // Hangul filler
        ['\u3164', 'invisible'],
        ['ali\u200Bce', 'invisible'], // zero-width space
        ['alice\u00AD', 'invisible'], // soft hyphen
        ['al\u2060ice', 'invisible'], // word joiner
        ['--', 'letter'],
        ['_', 'letter'],
        ['\u0301bob', 'marks'],
        ['bo\u0301\u0301b', 'marks'],
      ];
      await refused(
        other,
        tries.map(([nick, problem]) => [nick, `*** error nick-invalid ${problem}`]),
      );
      other.send('Zoé\n');
      await other.readExactly('*** welcome Zoé 2\n');
      await alice.readExactly('*** joined Zoé\n');
      other.send('/nick --\n');
      await other.readExactly('*** error nick-invalid letter\n');
      other.send('/nick al\u200Bice\n'); // a command loses its invisible characters first
      await other.readExactly('*** error nick-taken alice\n');
    },
  }),
  serverCheck({
    id: 'message-invisible',
    title: {
      en: 'strips line separators, zero-width spaces, BOM, soft hyphens and fillers from messages, keeps emoji whole',
      fr: 'retire des messages les séparateurs de ligne, espaces sans chasse, BOM, traits d’union conditionnels et remplissages, garde les emoji entiers',
    },
    hint: {
      en: 'Remove \\p{Cf}, \\p{Default_Ignorable_Code_Point}, U+2028 and U+2029, except a ZWJ between two emoji and a variation selector after one.',
      fr: 'Retirez \\p{Cf}, \\p{Default_Ignorable_Code_Point}, U+2028 et U+2029, sauf un ZWJ entre deux emoji et un sélecteur de variante après un emoji.',
    },
    async run(lab) {
      const server = await lab.startServer();
      const alice = await enter(lab, server, 'alice');
      const bob = await enter(lab, server, 'bob');
      await alice.readExactly('*** joined bob\n');
      alice.send('one\u2028two\u2029three \u200Bzero\uFEFFbom soft\u00ADhyphen fill\u3164er\uFFA0 👩\u200D💻 ❤\uFE0F\n');
      await bob.readExactly('alice: onetwothree zerobom softhyphen filler 👩\u200D💻 ❤\uFE0F\n');
      alice.send('/me waves\u200B\u2028\n');
      await bob.readExactly('* alice waves\n');
    },
  }),
  clientCheck({
    id: 'client-wraps',
    title: {
      en: 'the client indents the continuation of a wrapped line: a padded message cannot pass for a line from someone else',
      fr: 'le client décale la suite d’une ligne coupée : un message rembourré ne peut pas passer pour une ligne d’un autre',
    },
    hint: {
      en: 'Break lines wider than the terminal yourself (CJK characters take two columns) and start each continuation with spaces.',
      fr: 'Coupez vous-même les lignes plus larges que le terminal (un caractère CJK prend deux colonnes) et commencez chaque suite par des espaces.',
    },
    async run(lab) {
      const columns = 40;
      const { client, peer } = await clientIn(lab, { ...english, COLUMNS: String(columns) });
      // "HH:MM mallory: " then padding to the edge, then a line of its own, as seen.
      peer.send(`mallory: ${'x'.repeat(columns - 'HH:MM mallory: '.length)}02:00 teacher: class is over, go home\n`);
      peer.send(`bob: ${'日本語'.repeat(8)}\n`);
      peer.send('bob: the end\n');
      await client.output.readUntil('bob: the end');
      const lines = client.output.all.toString().split('\n');
      const shown = lines.slice(lines.findIndex((line) => line.includes('mallory')));
      const wrong = shown.filter(
        (line, i) => (line.includes('teacher') && !/^\s/.test(line)) || columnsOf(line) >= columns || (i > 0 && /^[x日本語]/.test(line)),
      );
      if (wrong.length > 0 || !shown.some((line) => /^\s+.*teacher: class/.test(line))) {
        throw new CheckFailure(
          {
            en: `wrapped lines not indented, or wider than ${columns - 1} columns: ${JSON.stringify(wrong)}`,
            fr: `lignes coupées non décalées, ou plus larges que ${columns - 1} colonnes : ${JSON.stringify(wrong)}`,
          },
          { output: shown.join('\n') },
        );
      }
    },
  }),
  clientCheck({
    id: 'client-nick-rule',
    title: {
      en: 'the client says which rule a refused nickname breaks, in English and in French',
      fr: 'le client dit quelle règle un pseudo refusé enfreint, en anglais et en français',
    },
    hint: {
      en: 'Translate the argument of "*** error nick-invalid <problem>" into a sentence.',
      fr: 'Traduisez l’argument de « *** error nick-invalid <problème> » en une phrase.',
    },
    async run(lab) {
      for (const [env, expected] of [
        [english, 'written in one script'],
        [{ ...english, LANG: 'fr_FR.UTF-8' }, 'une seule écriture'],
      ] as const) {
        const { client, peer } = await clientIn(lab, env);
        peer.send('*** error nick-invalid scripts\n');
        await client.output.readUntil(expected);
      }
    },
  }),
];
