/**
 * Nicknames: 1 to 16 letters (any script: Zoé, Éloïse, 李雷), digits, "_" and
 * "-". Compared without case, after Unicode normalisation, so that "zoé"
 * typed on a French keyboard (one code point é) and "Zoe\u0301" (e + accent)
 * are the same person.
 */
export const MAX_NICK_LENGTH = 16;

const VALID = /^[\p{L}\p{M}\p{N}_-]+$/u;

export type NickCheck = { ok: true; nick: string; key: string } | { ok: false };

export function checkNick(raw: string): NickCheck {
  const nick = raw.trim().normalize('NFC');
  const length = [...nick].length; // code points, not UTF-16 units
  if (length < 1 || length > MAX_NICK_LENGTH || !VALID.test(nick)) return { ok: false };
  return { ok: true, nick, key: nickKey(nick) };
}

/** The form two nicknames are compared in: "Zoé" and "ZOÉ" give the same key. */
export function nickKey(nick: string): string {
  return nick.normalize('NFC').toLowerCase().normalize('NFC');
}
