/**
 * Summarise a .cpuprofile written by node --cpu-prof (npm run bench -- --profile):
 * the functions that used the most CPU themselves, as a table.
 *   npx tsx bench/profile.ts bench/results/profiles/final-b500.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function, in µs, heaviest first. */
export function selfTimes(profile: Profile): { name: string; us: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const where = frame.url ? ` ${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    times.set(name, (times.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...times].map(([name, us]) => ({ name, us })).sort((a, b) => b.us - a.us);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/profile.ts FILE.cpuprofile [top]');
  const times = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const total = times.reduce((sum, t) => sum + t.us, 0);
  for (const { name, us } of times.slice(0, Number(process.argv[3] ?? 25))) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  }
}
