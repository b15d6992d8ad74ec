// `npm test`: install what is missing, build, type-check, lint, check the formatting, then run every suite (unit, CLI, protocol,
// Neovim, and end-to-end in a real VS Code build). Prints the time of each phase and a closing
// "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from './summary.mjs';

const phases = [];
function phase(name, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  phases.push(`${name} ${seconds}s`);
  if (result.status !== 0) {
    console.error(
      `\n✖ ${name} failed (exit ${result.status ?? result.signal}) after ${seconds}s. Phases: ${phases.join(', ')}`,
    );
    process.exit(result.status || 1);
  }
}

phase('setup', process.execPath, ['scripts/setup.mjs', '--test']);
phase('build', process.execPath, ['esbuild.mjs']);
phase('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
phase('eslint', 'npx', ['eslint', '.']);
phase('format', 'npx', ['prettier', '--check', '**/*.{ts,mts,mjs}']);
const report = join(mkdtempSync(join(tmpdir(), 'pxe-test-')), 'vitest.json');
const started = Date.now();
console.log('\n▶ tests: vitest run (unit, cli, protocol, neovim, then e2e in a real VS Code)');
// The suites (and the editors they start) talk only to loopback: deploy's HTTP check refuses other hosts.
const tests = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { stdio: 'inherit', env: { ...process.env, PXE_WORKBENCH_LOOPBACK_ONLY: '1' } },
);
phases.push(`tests ${((Date.now() - started) / 1000).toFixed(1)}s`);
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const counted = summarize(json);
  for (const note of counted.notes) console.error(note);
  passed = counted.passed;
  failed = counted.failed;
} catch {
  console.error('test: vitest wrote no report; see its output above.');
  failed = Math.max(1, failed);
}
console.log(`\nPhases: ${phases.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(tests.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
