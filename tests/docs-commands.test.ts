// The commands the docs tell a teacher to type, where a slip costs a secret:
// password files only the teacher can read, a TLS check that stops at a bad
// certificate, and the certificate's path as npm run cert prints it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../checker/target.ts';
import { SERVER_NODE_FLAGS } from '../final/launch.ts';

/** Every Markdown page a reader follows: the site's, the READMEs, CONTRIBUTING. */
function pages(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !name.includes('node_modules') && !name.startsWith('.vitepress'))
    .map((name) => path.join('docs', name));
  return [...docs, 'README.md', 'README.fr.md', 'CONTRIBUTING.md', 'CONTRIBUTING.fr.md'];
}

/** Each line of every page, with where it is. */
const lines = pages().flatMap((page) =>
  readFileSync(path.join(ROOT, page), 'utf8')
    .split('\n')
    .map((text, i) => ({ where: `${page}:${i + 1}`, text })),
);

describe('commands in the docs that handle secrets', () => {
  it('a password written to a file is readable by its owner only (umask 077)', () => {
    const writes = lines.filter(({ text }) => /(printf|echo)\b.*>\s*\S*password/i.test(text));
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.filter(({ text }) => !/umask 077/.test(text)).map(({ where }) => where)).toEqual([]);
  });

  it('openssl s_client stops at a certificate it cannot verify (-verify_return_error), before a password is typed', () => {
    const checks = lines.filter(({ text }) => /openssl s_client\b/.test(text) && /-CAfile/.test(text));
    expect(checks.length).toBeGreaterThan(1);
    expect(checks.filter(({ text }) => !text.includes('-verify_return_error')).map(({ where }) => where)).toEqual([]);
  });

  it('--ca names the certificate where npm run cert puts it (certs/cert.pem), or a placeholder', () => {
    const source = readFileSync(path.join(ROOT, 'tools/cert.ts'), 'utf8');
    expect(source).toMatch(/out: \{ type: 'string', default: 'certs' \}/);
    const given = lines.flatMap(({ where, text }) => [...text.matchAll(/--ca ([^\s`,;:)]+)/g)].map((m) => ({ where, file: m[1]!.replace(/\.$/, '') })));
    expect(given.length).toBeGreaterThan(3);
    // other/cert.pem: the TLS page shows what a wrong certificate does, on purpose.
    const odd = given.filter(({ file }) => !['certs/cert.pem', 'FILE', 'other/cert.pem'].includes(file) && !file.startsWith('<'));
    expect(odd.map(({ where, file }) => `${where}: --ca ${file}`)).toEqual([]);
  });
});

describe('commands in the docs that start the final server', () => {
  it('npm start, as the pages show npm echoing it, and node dist/server.js run with the server’s V8 flags', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const echoed = lines.filter(({ text }) => /^> tsx\b.*final\/server\.ts/.test(text));
    expect(echoed.length).toBeGreaterThan(1);
    expect(echoed.filter(({ text }) => !text.startsWith(`> ${scripts.start}`)).map(({ where }) => where)).toEqual([]);
    const built = lines.filter(({ text }) => /^node\b.*dist\/server\.js/.test(text));
    expect(built.length).toBeGreaterThan(1);
    expect(built.filter(({ text }) => !text.startsWith(`node ${SERVER_NODE_FLAGS.join(' ')} dist/server.js`)).map(({ where }) => where)).toEqual([]);
  });
});
