import { readFileSync } from 'node:fs';

/**
 * `node dist/bench/profile-top.js <file.cpuprofile> [n]`: the top frames of a V8 CPU profile (from
 * `BENCH_CHILD_ARGS="--cpu-prof --cpu-prof-dir=DIR"`) by self time, and by total time grouped by package, as
 * Markdown rows for bench/PROFILE.md.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return url;
  const d = /\/dist\/(.*)$/.exec(url);
  return d ? d[1]! : url;
}

export function summarise(profile: Profile, n = 25): string {
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFrame = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${where(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    byFrame.set(name, (byFrame.get(name) ?? 0) + t);
    const pkg = f.url ? where(f.url).replace(/\/[^/]*$/, '') : f.functionName;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1)}%`;
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `| ${pct(t)} | \`${k}\` |`);
  return [
    `Samples over ${(total / 1e6).toFixed(1)} s of CPU.`,
    '',
    '| self | frame |',
    '|--:|---|',
    ...top(byFrame),
    '',
    '| self | package / directory |',
    '|--:|---|',
    ...top(byPackage).slice(0, 15),
  ].join('\n');
}

if (require.main === module) {
  const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile;
  process.stdout.write(`${summarise(profile, Number(process.argv[3] ?? 25))}\n`);
}
