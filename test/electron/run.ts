/**
 * `npm run test:electron`: the same extension-host suite in a desktop VS Code that @vscode/test-electron
 * downloads. Needs internet (it cannot work offline); `npm test` runs the suite in code-server instead.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const workspace = join(mkdtempSync(join(tmpdir(), 'pxe-electron-')), 'examples');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  await runTests({
    version: '1.138.0',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(
    '@vscode/test-electron downloads VS Code: this needs internet access. Offline, `npm test` runs the same suite in code-server.',
  );
  process.exit(1);
});
