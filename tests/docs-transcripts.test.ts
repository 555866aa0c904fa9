// The runs shown on the course site (docs/transcripts/*.json, made by
// `npm run docs:transcripts`) must still be what the programs print: each
// session is run again here, for real, and compared with what is stored.
// A change to a step's output fails here until the run is recorded again.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPTS, record, sessions, stored } from '../tools/transcripts.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every <Transcript name="…" /> written in the site's pages. */
function usedNames(): string[] {
  const names: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.md')) for (const [, name] of fs.readFileSync(file, 'utf8').matchAll(/<Transcript name="([^"]+)"/g)) names.push(name ?? '');
    }
  };
  walk(path.join(ROOT, 'docs'));
  return names;
}

describe('transcripts: the runs the site shows', () => {
  it('every transcript a page shows is recorded, and every recorded one is shown', () => {
    const used = new Set(usedNames());
    const recorded = fs
      .readdirSync(TRANSCRIPTS)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.replace(/\.json$/, ''));
    expect(
      [...used].filter((name) => !recorded.includes(name)),
      'shown but not recorded: run npm run docs:transcripts',
    ).toEqual([]);
    expect(
      recorded.filter((name) => !used.has(name)),
      'recorded but shown on no page',
    ).toEqual([]);
    expect(sessions.map((session) => session.name).sort()).toEqual(recorded.sort());
  });

  for (const session of sessions) {
    it(`${session.name}: a fresh run prints what the site shows`, async () => {
      const fresh = await record(session);
      const saved = stored(session.name);
      expect(saved, `docs/transcripts/${session.name}.json: run npm run docs:transcripts`).not.toBeNull();
      expect(fresh, `docs/transcripts/${session.name}.json is out of date: run npm run docs:transcripts ${session.name}`).toEqual(saved);
    }, 60_000);
  }
});
