// At build time, the runs recorded by `npm run docs:transcripts`
// (docs/transcripts/*.json), for <Transcript name="…" />.
import fs from 'node:fs';
import path from 'node:path';
import { defineLoader } from 'vitepress';
import type { Transcript } from '../../../tools/transcripts.ts';

declare const data: Record<string, Transcript>;
export { data };

export default defineLoader({
  watch: ['../../transcripts/*.json'],
  load(files: string[]): Record<string, Transcript> {
    return Object.fromEntries(files.map((file) => [path.basename(file, '.json'), JSON.parse(fs.readFileSync(file, 'utf8')) as Transcript]));
  },
});
