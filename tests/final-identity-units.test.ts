// Who is who, module by module: nickname keys and rules (nick.ts), invisible
// characters in messages (sanitize.ts), wrapped lines (render.ts).
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkNick, nickForLog, nickKey, type NickProblem } from '../final/nick.ts';
import { CONTINUATION, cellWidth, wrapLine } from '../final/render.ts';
import { sanitize } from '../final/sanitize.ts';

const keyOf = (nick: string) => {
  const check = checkNick(nick);
  return check.ok ? check.key : `<refused: ${check.problem}>`;
};
const problemOf = (nick: string) => {
  const check = checkNick(nick);
  return check.ok ? 'ok' : check.problem;
};

describe('nickname keys', () => {
  it('one name, whatever the case, compatibility form or lookalike letters', () => {
    const same: [string, string[]][] = [
      ['alice', ['ALICE', 'Alice', 'ａｌｉｃｅ', '𝐚𝐥𝐢𝐜𝐞', '𝒶𝓁𝒾𝒸ℯ', 'alıce', 'alİce', 'ali\u0307ce']],
      ['student', ['ſtudent', 'ＳＴＵＤＥＮＴ']],
      ['scope', ['ѕсоре', 'ЅСОРЕ']], // Cyrillic, every letter
      ['Zoé', ['ZOÉ', 'zoe\u0301']],
      ['strasse', ['Straße', 'STRASSE']],
      ['bob', ['b0b', 'BOB']],
      ['mary', ['rnary']],
      ['アイウ', ['ｱｲｳ']], // half-width katakana: only NFKC joins them
      ['alice', ['ᵃlice']],
    ];
    for (const [nick, lookalikes] of same) {
      for (const lookalike of lookalikes) expect(keyOf(lookalike), `${lookalike} vs ${nick}`).toBe(keyOf(nick));
    }
  });
  it('mixed-script lookalikes have the same key even though they are refused', () => {
    for (const lookalike of ['аlice', 'αlice', 'alicе']) expect(nickKey(lookalike)).toBe(nickKey('alice'));
  });
  it('keeps apart names that look different', () => {
    for (const [a, b] of [
      ['Zoe', 'Zoé'],
      ['alice', 'alicia'],
      ['李雷', '李雪'],
      ['ana', 'anna'],
      ['a-b', 'a_b'],
    ] as const) {
      expect(keyOf(a)).not.toBe(keyOf(b));
    }
  });
});

describe('nickname rules', () => {
  it('accepts one script with digits, "_" and "-", as UTS #39 "highly restrictive" does', () => {
    const fine = [
      'Zoé',
      'Éloïse',
      '李雷',
      '田中さん',
      'タナカ',
      'Tシャツ',
      '김민준',
      'हिन्दी',
      'Δημήτρης',
      'Дмитрий',
      'مریم',
      'ไทย',
      'x_1-2',
      '42',
      'x'.repeat(16),
      'x\u20D7y',
      'x\u0300\u0301\u0302\u0303',
    ];
    for (const nick of fine) expect(problemOf(nick), nick).toBe('ok');
  });
  it('refuses each broken rule with its own reason', () => {
    const refused: [string, NickProblem][] = [
      ['', 'length'],
      ['x'.repeat(17), 'length'],
      ['alice\uFE0F', 'invisible'], // variation selector
      ['alice\u{E0100}', 'invisible'],
      ['alice\u3164', 'invisible'], // Hangul fillers
      ['\uFFA0', 'invisible'],
      ['\u115Falice', 'invisible'],
      ['ali\u200Bce', 'invisible'], // zero width space, joiners
      ['ali\u200Dce', 'invisible'],
      ['alice\u00AD', 'invisible'], // soft hyphen
      ['ali\uFEFFce', 'invisible'], // BOM (at the start, trim() takes it as a space)
      ['a\u202Eb', 'invisible'], // bidi override
      ['two words', 'characters'],
      ['a:b', 'characters'],
      ['*', 'characters'],
      ['Ⅻ', 'characters'], // a number, not a digit
      ['a\x1bb', 'characters'],
      ['--', 'letter'],
      ['_-_', 'letter'],
      ['\u0301abc', 'marks'], // an accent on nothing
      ['a\u0301\u0301', 'marks'], // the same twice
      ['x\u0300\u0301\u0302\u0303\u0304', 'marks'], // five piled up
      ['аlice', 'scripts'], // Cyrillic а
      ['αlice', 'scripts'], // Greek α
      ['Дmitry', 'scripts'],
      ['Δx', 'scripts'],
    ];
    for (const [nick, problem] of refused) expect(problemOf(nick), JSON.stringify(nick)).toBe(problem);
  });
  it('keeps the nickname as typed (NFC), only the key is folded', () => {
    expect(checkNick(' ａｌｉｃｅ ')).toEqual({ ok: true, nick: 'ａｌｉｃｅ', key: 'alice' });
    expect(checkNick('Zoe\u0301')).toMatchObject({ ok: true, nick: 'Zoé' });
  });
});

describe('nicknames in the log', () => {
  it('escapes what can pass for ASCII or is not a letter, keeps the rest', () => {
    expect(nickForLog('alice')).toBe('alice');
    expect(nickForLog('аlice')).toBe('\\u{430}lice');
    expect(nickForLog('ａb')).toBe('\\u{ff41}b');
    expect(nickForLog('alıce')).toBe('al\\u{131}ce');
    expect(nickForLog('alice\u3164')).toBe('alice\\u{3164}');
    expect(nickForLog('a\u0307')).toBe('a\\u{307}');
    expect(nickForLog('a\\b')).toBe('a\\u{5c}b'); // a backslash cannot fake an escape
    for (const nick of ['Zoé', 'Éloïse', '李雷', 'हिन्दी', 'Straße']) expect(nickForLog(nick)).toBe(nick);
  });
});

describe('invisible characters in messages', () => {
  it('strips separators, zero-width and format characters, fillers', () => {
    expect(sanitize('one\u2028two\u2029three')).toBe('onetwothree');
    expect(sanitize('\uFEFFbom zero\u200Bwidth soft\u00ADhyphen word\u2060joiner')).toBe('bom zerowidth softhyphen wordjoiner');
    expect(sanitize('han\u3164gul\uFFA0 \u115F\u1160x a\u034Fb')).toBe('hangul x ab');
    expect(sanitize('alice\uFE0F a\u200Db')).toBe('alice ab'); // no emoji here to join or vary
    expect(sanitize('a\u200D👍 👍\u200D')).toBe('a👍 👍'); // a ZWJ joins two emoji, or goes
    expect(sanitize('क\u200D क\u200Dष')).toBe('क क\u200Dष'); // a joiner inside a Hindi word only
  });
  it('strips a run of invisible characters whole, each judged by what is kept before it', () => {
    expect(sanitize('a\u{E0041}\u{E0042}\u{E0043}b')).toBe('ab'); // tags with no flag before them
    expect(sanitize('a\u200B\u200B\u200Bb')).toBe('ab');
    expect(sanitize('a\uFE0F\uFE0F👍\uFE0F\uFE0F')).toBe('a👍\uFE0F'); // one selector after the emoji, no more
    expect(sanitize('🏴\u{E0067}\u{E0062}\u{E007F} x\u{E0067}\u{E007F}')).toBe('🏴\u{E0067}\u{E0062}\u{E007F} x');
  });
  it('keeps what emoji, ideographs and joining scripts need', () => {
    const kept = [
      '👩\u200D💻',
      '👨\u200D👩\u200D👧',
      '❤\uFE0F',
      '1\uFE0F\u20E3',
      '👍🏽',
      '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
      '葛\u{E0100}',
      'می\u200Cخواهم',
      'Zoé dit « ça va ? »',
    ];
    for (const text of kept) expect(sanitize(text), text).toBe(text);
  });
  it('leaves no format or default-ignorable character between two letters, for any code point', () => {
    const invisible = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;
    const left: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (invisible.test(ch) && sanitize(`a${ch}b`) !== 'ab') left.push(cp.toString(16));
    }
    expect(left).toEqual([]);
  });
});

describe('wrapped lines', () => {
  /** Columns of a line, as a terminal draws it (colours take none). */
  const columnsOf = (line: string) =>
    [...new Intl.Segmenter().segment(stripVTControlCharacters(line))].reduce((sum, { segment }) => sum + cellWidth(segment), 0);

  it('counts columns as a terminal does', () => {
    expect(['a', 'é', 'e\u0301', '«'].map(cellWidth)).toEqual([1, 1, 1, 1]);
    expect(['日', 'あ', 'ｱ', '한', '👩\u200D💻', '❤\uFE0F', '🇫🇷', '👍🏽', 'Ａ'].map(cellWidth)).toEqual([2, 2, 1, 2, 2, 2, 2, 2, 2]);
    expect(cellWidth('\u0301')).toBe(0);
  });
  it('leaves a line that fits, or any line when the width is unknown', () => {
    expect(wrapLine('12:00 bob: hi', 80)).toBe('12:00 bob: hi');
    const coloured = `\x1b[2m12:00 \x1b[22m\x1b[32mbob\x1b[39m: ${'x'.repeat(27)}`; // 38 columns, 56 characters
    expect(wrapLine(coloured, 40)).toBe(coloured);
    expect(wrapLine('x'.repeat(500), undefined)).toBe('x'.repeat(500));
    expect(wrapLine('x'.repeat(500), Number.NaN)).toBe('x'.repeat(500));
  });
  it('indents every continuation: a padded message cannot pass for a line of its own', () => {
    const line = `01:59 mallory: ${'x'.repeat(80 - 15)}02:00 teacher: class is over, go home`;
    const lines = wrapLine(line, 80).split('\n');
    expect(lines.length).toBe(2);
    expect(lines[1]!.startsWith(CONTINUATION)).toBe(true);
    expect(lines.filter((shown) => /^\d\d:\d\d /.test(shown))).toEqual([lines[0]]);
  });
  it('never goes past the last column but one, counting wide characters and skipping colours', () => {
    const lines = [
      `12:00 bob: ${'日本語のテキスト'.repeat(9)}`,
      `12:00 bob: ${'the quick brown fox jumps over the lazy dog '.repeat(5)}`,
      `\x1b[2m12:00 \x1b[22m\x1b[32mbob\x1b[39m: ${'👩\u200D💻x'.repeat(40)}`,
      `12:00 bob: ${'ab日'.repeat(40)}${'e\u0301'.repeat(30)}`,
    ];
    for (const columns of [20, 33, 40, 80]) {
      for (const line of lines) {
        const shown = wrapLine(line, columns).split('\n');
        for (const [i, part] of shown.entries()) {
          expect(columnsOf(part), `${columns}: ${part}`).toBeLessThanOrEqual(columns - 1);
          if (i > 0) expect(part.startsWith(columns >= 24 ? CONTINUATION : '  '), part).toBe(true);
        }
        // Nothing lost: the same text, less the indents and the spaces where lines broke.
        const squeeze = (text: string) => text.replace(/\s+/g, '');
        expect(squeeze(shown.join(''))).toBe(squeeze(line));
      }
    }
  });
  it('breaks at a space near the edge rather than inside a word', () => {
    expect(wrapLine('12:00 bob: hello wonderful world', 28)).toBe(`12:00 bob: hello wonderful\n${CONTINUATION}world`);
  });
});
