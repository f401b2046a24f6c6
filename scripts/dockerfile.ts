// A reader for this repository's Dockerfile, enough for test/deploy/dockerfile.test.ts and
// scripts/check-production.ts to check and replay it without a Docker engine: stages, instructions (with `\`
// continuations and comments), exec-form JSON arguments, ENV pairs, COPY and HEALTHCHECK options.

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let logical = lines[i]!.trim();
    if (!logical || logical.startsWith('#')) continue;
    while (logical.endsWith('\\') && i + 1 < lines.length) {
      i++;
      const next = lines[i]!.trim();
      logical = logical.slice(0, -1).trimEnd() + (next.startsWith('#') ? '' : ` ${next}`);
    }
    const m = /^(\S+)\s*(.*)$/.exec(logical)!;
    const keyword = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (keyword === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile line ${start}: cannot read FROM ${args}`);
      stages.push({ from: from[1]!, name: from[2], instructions: [] });
    } else if (keyword !== 'ARG' || stages.length > 0) {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile line ${start}: ${keyword} before FROM`);
      stage.instructions.push({ keyword, args, line: start });
    }
  }
  return stages;
}

/** `["node", "x.js"]` as an array; undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed = JSON.parse(args) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not an exec-form array: ${args}`);
  return parsed;
}

/** `ENV A=1 B="two words"` (and the legacy `ENV A 1`). */
export function envPairs(args: string): Record<string, string> {
  if (!args.includes('=')) {
    const [key, ...rest] = args.split(/\s+/);
    return { [key!]: rest.join(' ') };
  }
  const out: Record<string, string> = {};
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    out[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
  }
  return out;
}

/** Leading `--name=value` options, and what follows them. */
export function options(args: string): { options: Record<string, string>; rest: string } {
  const opts: Record<string, string> = {};
  let rest = args;
  for (let m = /^--([a-z-]+)=(\S+)\s*/.exec(rest); m; m = /^--([a-z-]+)=(\S+)\s*/.exec(rest)) {
    opts[m[1]!] = m[2]!;
    rest = rest.slice(m[0].length);
  }
  return { options: opts, rest };
}

export function copyArgs(args: string): { from?: string; chown?: string; sources: string[]; dest: string } {
  const { options: opts, rest } = options(args);
  const parts = execForm(rest) ?? rest.split(/\s+/);
  if (parts.length < 2) throw new Error(`COPY needs a source and a destination: ${args}`);
  return { from: opts.from, chown: opts.chown, sources: parts.slice(0, -1), dest: parts.at(-1)! };
}

export function healthcheck(args: string): { options: Record<string, string>; command: string[] } {
  const { options: opts, rest } = options(args);
  const m = /^CMD\s+(.*)$/.exec(rest);
  if (!m) throw new Error(`HEALTHCHECK without CMD: ${args}`);
  return { options: opts, command: execForm(m[1]!) ?? ['/bin/sh', '-c', m[1]!] };
}

/** Docker's durations as HEALTHCHECK takes them (`30s`, `1m30s`, `500ms`). */
export function durationMs(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return total;
}

export const instructions = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.keyword === keyword);
