/**
 * Runs inside the real VS Code extension host (code-server), loaded through the workbench's
 * `developmentOptions.extensionTestsPath`: a mocha suite against the real `vscode` API.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // The spec reporter prints through console.log, which the extension host forwards to the workbench.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js'))) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
