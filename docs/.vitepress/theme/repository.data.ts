// At build time, the repository's address for the home page's `git clone`:
// the clone's `origin` remote, else package.json's "repository". A clone
// with neither (a local copy) gets null, and the home page says so rather
// than printing a made-up address.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defineLoader } from 'vitepress';

export interface Repository {
  /** https://github.com/owner/name.git, or null when unknown. */
  url: string | null;
  /** The folder `git clone` makes. */
  folder: string;
}

declare const data: Repository;
export { data };

const ROOT = path.resolve(import.meta.dirname, '../../..');

function remote(): string | null {
  try {
    const url = execFileSync('git', ['remote', 'get-url', 'origin'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    // Only a public address: never a local path or a URL with credentials in it.
    return /^https:\/\/[^@\s]+$/.test(url) ? url : /^git@([^:]+):(.+)$/.test(url) ? url.replace(/^git@([^:]+):/, 'https://$1/') : null;
  } catch {
    return null;
  }
}

export default defineLoader({
  load(): Repository {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; repository?: string | { url?: string } };
    const declared = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const url = remote() ?? (declared ? declared.replace(/^git\+/, '') : null);
    return { url, folder: url ? path.basename(url, '.git') : pkg.name };
  },
});
