// `npm start`: install what is missing, build, package the VSIX, and open examples/home-lab in a real
// VS Code with the extension installed: the local `code` when there is one, otherwise code-server on
// 127.0.0.1 (its URL is printed). Ctrl+C stops everything this started.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const folder = resolve(process.argv[2] ?? 'examples/home-lab');
const vsix = resolve('out/pxe-workbench.vsix');
const step = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;
const fail = (message) => {
  console.error(`npm start: ${message}`);
  process.exit(1);
};

if (!step(process.execPath, ['scripts/setup.mjs'])) fail('setup failed (see above).');
if (!step('npm', ['run', '--silent', 'package'])) fail('building the VSIX failed (see above).');
console.log(`\n$ pxe-workbench lint ${folder}`);
step(process.execPath, ['out/cli.js', 'lint', folder]);

const hasCode =
  spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0 &&
  !process.env.PXE_WORKBENCH_CODE_SERVER;
if (hasCode) {
  if (!step('code', ['--install-extension', vsix, '--force'])) fail('`code --install-extension` failed (see above).');
  step('code', [folder]);
  console.log(`\nOpened ${folder} in VS Code with PXE Workbench installed.`);
  process.exit(0);
}

const editor = require('../out/editor.js');
const log = (message) => console.log(`npm start: ${message}`);
try {
  editor.ensureCodeServer(log);
} catch (error) {
  fail(error.message);
}
const profile = join(editor.CACHE, 'start-profile');
const extensionsDir = join(profile, 'extensions');
const userDataDir = join(profile, 'user-data');
mkdirSync(userDataDir, { recursive: true });
editor.writeUserSettings(userDataDir, { 'git.openRepositoryInParentFolders': 'never' });
editor.installVsix(vsix, extensionsDir, userDataDir);
const port = process.env.PXE_WORKBENCH_PORT ? Number(process.env.PXE_WORKBENCH_PORT) : await editor.freePort();
const running = await editor
  .startCodeServer({ extensionsDir, userDataDir, port })
  .catch((error) => fail(error.message));
const url = `${running.url}?folder=${encodeURIComponent(folder)}`;
console.log(`\nPXE Workbench is running in VS Code (code-server ${editor.CODE_SERVER_VERSION}) on 127.0.0.1 only.`);
console.log(`Open: ${url}`);
console.log('Press Ctrl+C to stop it.');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping code-server…');
  await running.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
