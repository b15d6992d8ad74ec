// The Butane differential campaign (issue #22): bundles test/oracle/butaneCampaign.ts and runs it against the
// butane v0.29.0 oracle in ../shared/tools/butane. `npm run butane:diff -- --runs 100000 --out report.md`.
// The bundle sits in a folder of its own, without out/validators.js, so the Ignition checks compile
// the current schemas rather than a stale build.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

const outfile = 'out/butane-diff/butane-diff.js';
await esbuild.build({
  entryPoints: ['test/oracle/butaneCampaign.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
