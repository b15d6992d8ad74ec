import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Path of a built bundle; the test scripts build first (`npm test` does), so a missing one is a clear error. */
export function built(
  name: 'cli.js' | 'server.js' | 'extension.js' | 'yaml.js' | 'ajv.js' | `validators/${string}.js`,
): string {
  const path = resolve('out', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does it for you).`);
  return path;
}
