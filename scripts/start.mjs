// `npm start`: install what is missing, build, and lint the bundled examples with the CLI, printing the
// report (the clean home lab, then the field's real mistakes in examples/broken).
import { spawnSync } from 'node:child_process';

const step = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status;

if (step(['scripts/setup.mjs']) !== 0 || step(['esbuild.mjs']) !== 0) process.exit(1);
for (const example of ['examples/home-lab', 'examples/broken']) {
  console.log(`\n$ pxe-workbench lint ${example}`);
  const status = step(['out/cli.js', 'lint', example]);
  // 0 = clean, 1 = problems found (expected for examples/broken); 2 means the CLI itself failed.
  if (status !== 0 && status !== 1) process.exit(status ?? 1);
}
console.log('\nOpen this folder in VS Code with the extension (F5 from this repo) to see the same findings in the Problems panel.');
