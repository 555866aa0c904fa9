/**
 * Nicknames: 1 to 16 letters (any script: Zoé, Éloïse, 李雷), digits, "_" and
 * "-", with at least one letter or digit. Two nicknames are the same person
 * when they look the same: "zoé" typed on a French keyboard (one code point é)
 * and "Zoe\u0301" (e + accent), but also "ALICE", full-width "ａｌｉｃｅ",
 * mathematical bold "𝐚𝐥𝐢𝐜𝐞", "alıce" (dotless ı) and a Cyrillic "аӏісе".
 * The rules follow Unicode's security mechanisms (UTS #39): one script per
 * nickname, nothing invisible, and the "skeleton" of confusable characters.
 */
import unhomoglyph from 'unhomoglyph';

export const MAX_NICK_LENGTH = 16;

/** Why a nickname was refused: the client turns each into a sentence (i18n.ts). */
export type NickProblem =
  | 'length' // not 1 to 16 characters
  | 'invisible' // a zero-width, filler, variation selector or other invisible character
  | 'characters' // something else than letters, digits, "_" and "-"
  | 'marks' // an accent with no letter under it, or accents piled up
  | 'letter' // no letter or digit at all ("--")
  | 'scripts'; // letters of several scripts ("аlice": Cyrillic а, Latin lice)

export type NickCheck = { ok: true; nick: string; key: string } | { ok: false; problem: NickProblem };

const VALID = /^[\p{L}\p{M}\p{Nd}_-]+$/u;
// Invisible in a name: U+3164 HANGUL FILLER is a "letter" to Unicode, but it is
// also default-ignorable, as are zero-width spaces and joiners, the soft hyphen
// and variation selectors.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Variation_Selector}\p{Cf}]/u;
const INVISIBLES = new RegExp(INVISIBLE.source, 'gu');
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;
/** UTS #39: more than 4 nonspacing marks in a row, or the same one twice, is suspicious. */
const MAX_MARKS = 4;

export function checkNick(raw: string): NickCheck {
  const nick = raw.trim().normalize('NFC');
  const length = [...nick].length; // code points, not UTF-16 units
  const problem =
    length < 1 || length > MAX_NICK_LENGTH
      ? 'length'
      : INVISIBLE.test(nick)
        ? 'invisible'
        : !VALID.test(nick)
          ? 'characters'
          : !marksAreSane(nick)
            ? 'marks'
            : !LETTER_OR_DIGIT.test(nick)
              ? 'letter'
              : !PRINTABLE_ASCII.test(nick) && !oneScript(nick)
                ? 'scripts'
                : undefined;
  if (problem) return { ok: false, problem };
  const key = nickKey(nick);
  return { ok: true, nick, key: key === nick ? nick : key }; // "alice" is its own key: one string, not two, per member
}

// #region key
/**
 * The form two nicknames are compared in: fold case and compatibility forms
 * (NFKC), then replace each character by the one it can be confused with
 * (UTS #39 skeleton, data from Unicode's confusables.txt), then fold case again
 * ("b0b" gives "bOb", the same as "BOB"). The key is never shown: "m" becomes "rn".
 */
export function nickKey(nick: string): string {
  return fold(skeleton(fold(nick)));
}

/** NFKC and full case folding ("ß" and "SS", "ſ" and "s", "ı" and "i" meet). */
function fold(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toUpperCase()
      .toLowerCase()
      // Unicode's case folding takes Cherokee to its capitals (the older letters,
      // and the ones confusables.txt maps: "ᎢᎬᎪᏟᎻᎬᎡ" reads TEACHER); lowercase goes the other way.
      .replace(CHEROKEE_SMALL, (letter) => letter.toUpperCase())
      .normalize('NFKC')
  );
}

const CHEROKEE_SMALL = /[\u{13F8}-\u{13FD}\u{AB70}-\u{ABBF}]/gu;

// Latin small capitals are not in confusables.txt (they are not lowercase
// letters), but they are capitals drawn small: "ᴛᴇᴀᴄʜᴇʀ" reads TEACHER, and case is folded.
const SMALL_CAPITALS: Record<string, string> = Object.fromEntries(
  ['ᴀa', 'ʙb', 'ᴄc', 'ᴅd', 'ᴇe', 'ꜰf', 'ɢg', 'ʜh', 'ɪi', 'ᴊj', 'ᴋk', 'ʟl', 'ᴍm', 'ɴn', 'ᴏo', 'ᴘp', 'ꞯq', 'ʀr', 'ꜱs', 'ᴛt', 'ᴜu', 'ᴠv', 'ᴡw', 'ʏy', 'ᴢz'].map(
    ([small, letter]) => [small!, letter!],
  ),
);
const SMALL_CAPITAL = new RegExp(`[${Object.keys(SMALL_CAPITALS).join('')}]`, 'gu');

/** UTS #39 skeleton: NFD, drop what is invisible, map confusables, NFD again. */
function skeleton(text: string): string {
  const bare = text
    .normalize('NFD')
    .replace(INVISIBLES, '')
    .replace(SMALL_CAPITAL, (small) => SMALL_CAPITALS[small]!);
  // A dot above on an i or j is drawn where its own dot is ("i̇" looks like "i").
  return unhomoglyph(bare)
    .normalize('NFD')
    .replace(/(?<=[ij])\u0307/g, '');
}
// #endregion key

/** No accent without a letter under it, at most 4 in a row, never the same twice in a row. */
function marksAreSane(nick: string): boolean {
  let run = 0;
  let previous = '';
  for (const ch of nick.normalize('NFD')) {
    if (!/\p{M}/u.test(ch)) {
      run = 0;
    } else if (previous === '' || ch === previous || ++run > MAX_MARKS) {
      return false;
    }
    previous = ch;
  }
  return true;
}

// ---------------------------------------------------------------- scripts

// Every Unicode script (ISO 15924 codes). Names this Node's Unicode does not
// know yet are skipped; a character of such a script is then "Unknown" (Zzzz).
const SCRIPT_NAMES =
  'Adlm Aghb Ahom Arab Armi Armn Avst Bali Bamu Bass Batk Beng Bhks Bopo Brah Brai Bugi Buhd Cakm Cans Cari Cham Cher Chrs Copt Cpmn Cprt Cyrl Deva Diak Dogr Dsrt Dupl Egyp Elba Elym Ethi Gara Geor Glag Gong Gonm Goth Gran Grek Gujr Gukh Guru Hang Hani Hano Hatr Hebr Hira Hluw Hmng Hmnp Hung Ital Java Kali Kana Kawi Khar Khmr Khoj Kits Knda Krai Kthi Lana Laoo Latn Lepc Limb Lina Linb Lisu Lyci Lydi Mahj Maka Mand Mani Marc Medf Mend Merc Mero Mlym Modi Mong Mroo Mtei Mult Mymr Nagm Nand Narb Nbat Newa Nkoo Nshu Ogam Olck Onao Orkh Orya Osge Osma Ougr Palm Pauc Perm Phag Phli Phlp Phnx Plrd Prti Rjng Rohg Runr Samr Sarb Saur Sgnw Shaw Shrd Sidd Sind Sinh Sogd Sogo Sora Soyo Sund Sunu Sylo Syrc Tagb Takr Tale Talu Taml Tang Tavt Telu Tfng Tglg Thaa Thai Tibt Tirh Tnsa Todr Toto Tutg Ugar Vaii Vith Wara Wcho Xpeo Xsux Yezi Yiii Zanb';
const SCRIPTS = SCRIPT_NAMES.split(' ').flatMap((name) => {
  try {
    return [{ name, test: new RegExp(`\\p{Script_Extensions=${name}}`, 'u') }];
  } catch {
    return []; // a script newer than this Node's Unicode tables
  }
});
const COMMON = /[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]/u;
// UTS #39 "augmented" script sets: Japanese writes Han, Hiragana and Katakana
// together (Jpan), Korean Han and Hangul (Kore), Chinese Han and Bopomofo (Hanb).
const AUGMENT: Record<string, string[]> = { Hani: ['Jpan', 'Kore', 'Hanb'], Hira: ['Jpan'], Kana: ['Jpan'], Hang: ['Kore'], Bopo: ['Hanb'] };
// UTS #39 "highly restrictive": Latin may also mix with one of these (as in "Tシャツ").
const LATIN_MIXES = [
  ['Latn', 'Jpan'],
  ['Latn', 'Hanb'],
  ['Latn', 'Kore'],
];

const scriptCache = new Map<string, string[] | null>();
/** The scripts a character is written in (with the augmented sets), or null for Common and Inherited. */
function scriptsOf(ch: string): string[] | null {
  let scripts = scriptCache.get(ch);
  if (scripts !== undefined) return scripts;
  if (COMMON.test(ch)) scripts = null;
  else {
    const names = SCRIPTS.filter((script) => script.test.test(ch)).map((script) => script.name);
    scripts = names.length === 0 ? ['Zzzz'] : [...names, ...names.flatMap((name) => AUGMENT[name] ?? [])];
  }
  if (scriptCache.size < 4096) scriptCache.set(ch, scripts);
  return scripts;
}

/** UTS #39 "highly restrictive": one script (Common and Inherited go with any), or Latin with Japanese, Chinese or Korean. */
function oneScript(nick: string): boolean {
  const sets = [...nick].map(scriptsOf).filter((scripts): scripts is string[] => scripts !== null);
  const shared = sets.reduce((common, scripts) => common.filter((name) => scripts.includes(name)), sets[0] ?? []);
  if (sets.length === 0 || shared.length > 0) return true;
  return LATIN_MIXES.some((mix) => sets.every((scripts) => scripts.some((name) => mix.includes(name))));
}

// ---------------------------------------------------------------- logs

/**
 * A nickname as the log should show it: a character that can pass for printable
 * ASCII (Cyrillic "а", full-width "ａ", dotless "ı") or that is not a letter or
 * digit is written `\u{430}`, so that "аlice" and "alice" differ in the log.
 * Zoé and 李雷 stay as they are. Safe for any text, not only valid nicknames.
 */
export function nickForLog(nick: string): string {
  if (/^[\x21-\x5b\x5d-\x7e]*$/.test(nick)) return nick; // the common case (and no backslash to fake an escape)
  let shown = '';
  let letter = false; // the previous character was shown as it is, and takes accents
  for (const ch of nick) {
    const plain: boolean =
      /[\x21-\x5b\x5d-\x7e]/.test(ch) || (/[\p{L}\p{Nd}]/u.test(ch) && !PRINTABLE_ASCII.test(skeleton(ch).normalize('NFC'))) || (letter && /\p{M}/u.test(ch));
    shown += plain ? ch : `\\u{${ch.codePointAt(0)!.toString(16)}}`;
    letter = plain && ch.codePointAt(0)! > 0x7f; // ASCII is not a letter of another script
  }
  return shown;
}
