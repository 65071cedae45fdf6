#!/usr/bin/env node
// `npm run bench`: runs every service benchmark the root package.json declares (`bench:<service>`), one
// after the other (they share this machine's cores), shows their output as it comes, and ends with one
// table of every goal line they printed. A goal line is `GOAL | service | figure | value | goal |
// baseline | ratio | PASS or MISS` (see packages/testing/src/bench-goals.ts).
// It is a report: missed goals do not fail it; a benchmark that crashes (non-zero exit) does.
// `npm run bench -- storage chat` runs only those.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const wanted = process.argv.slice(2);
const benches = Object.keys(scripts)
  .filter((name) => /^bench:[\w-]+$/.test(name))
  .filter((name) => wanted.length === 0 || wanted.includes(name.slice('bench:'.length)));
const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

/** Runs one npm script, echoing its output, and collects its goal lines. */
function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const goals = [];
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (line.startsWith('GOAL |')) goals.push(line.split('|').map((cell) => cell.trim().replace(/^ratio /, '')));
      }
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.once('close', (code, signal) =>
      resolve({ script, code: code ?? signal, goals, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i] ?? '').length)));
  const line = (row) => `| ${row.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

const results = [];
for (const script of benches) {
  console.log(`\n######## npm run ${script} (load average ${load()}) ########\n`);
  results.push(await run(script));
}

console.log(`\n######## summary (load average at the end ${load()}) ########\n`);
const goals = results.flatMap((r) => r.goals.map((g) => g.slice(1)));
if (goals.length > 0) {
  console.log(table([['service', 'figure', 'value', 'goal', 'baseline (same run)', 'ratio', 'verdict'], ...goals]));
  const missed = goals.filter((g) => g[6] !== 'PASS').length;
  console.log(`\n${goals.length - missed} of ${goals.length} goals met, ${missed} missed.`);
}
console.log('');
for (const r of results) {
  const state = r.code === 0 ? 'ran' : `CRASHED (exit ${r.code})`;
  const count = r.goals.length ? `${r.goals.length} goal lines` : 'no goal lines';
  console.log(`${r.script}: ${state} in ${r.seconds.toFixed(0)} s, ${count}`);
}
const crashed = results.filter((r) => r.code !== 0);
process.exit(crashed.length > 0 ? 1 : 0);
