/**
 * vitest globalSetup for the end-to-end suites: a real VS Code build (code-server, installed on demand into
 * a cache), Debian's Chromium, a fresh build and the VSIX.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BROWSER_PACKAGES, ensureCodeServer, ensureDebianPackages } from '../../scripts/editor';
import { timed, VSIX } from '../helpers/workbench';

export default async function setup(): Promise<void> {
  const log = (m: string): void => console.log(`[e2e] ${m}`);
  await timed('install the editor (cached after the first run)', async () => {
    ensureDebianPackages(BROWSER_PACKAGES, log);
    ensureCodeServer(log);
  });
  if (!existsSync(VSIX) || process.env.PXE_E2E_REPACKAGE !== '0') {
    await timed('package the VSIX', async () => {
      const result = spawnSync('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (result.status !== 0) throw new Error('`npm run package` failed; run it to see why.');
    });
  }
}
