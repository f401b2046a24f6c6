import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * RESULTS.md has parts written by different bench modes: the main run regenerates the file but keeps the
 * sections of the opt-in modes (leak check, levers) from their last run.
 */
export const SECTIONS = {
  levers: {
    begin: '<!-- levers:begin -->',
    end: '<!-- levers:end -->',
    placeholder: '## Levers, one at a time\n\nNot run yet: `npm run bench` (every lever: `BENCH_LEVERS=1 npm run bench`).',
  },
  soak: {
    begin: '<!-- soak:begin -->',
    end: '<!-- soak:end -->',
    placeholder:
      '## Leak check\n\nNot run yet: `BENCH_SOAK_SECONDS=300 npm run bench` loads the service for 5 minutes and compares RSS at the end with RSS after the first minute.',
  },
  scale: {
    begin: '<!-- scale:begin -->',
    end: '<!-- scale:end -->',
    placeholder: '## Scale\n\nNot run yet: `BENCH_SCALE=1 npm run bench` (or `npm run bench:scale`).',
  },
  memory: {
    begin: '<!-- memory:begin -->',
    end: '<!-- memory:end -->',
    placeholder: '## Memory of `npm start`\n\nNot run yet: `npm run bench` (or `npm run bench:memory`).',
  },
} as const;

export function readSection(file: string, name: keyof typeof SECTIONS): string {
  const { begin, end, placeholder } = SECTIONS[name];
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const i = old.indexOf(begin);
  const j = old.indexOf(end);
  return i >= 0 && j > i ? old.slice(i, j + end.length) : `${begin}\n${placeholder}\n${end}`;
}

export function writeSection(file: string, name: keyof typeof SECTIONS, body: string): void {
  const { begin, end } = SECTIONS[name];
  const section = `${begin}\n${body}\n${end}`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const i = old.indexOf(begin);
  const j = old.indexOf(end);
  writeFileSync(file, i >= 0 && j > i ? old.slice(0, i) + section + old.slice(j + end.length) : `${old.trimEnd()}\n\n${section}\n`);
}
