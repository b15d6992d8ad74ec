import type Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { partOfTheBundle } from '../core/bundle';

/** The name of the site file's build-time validator (out/validators/site.js, its one export). */
export const SITE_VALIDATOR_KEY = 'site';

/**
 * A JSON Schema compiler. The ajv library is evaluated here, on first use: the server's validators are
 * compiled at build time (`buildTimeValidator`), so only a run from the TypeScript sources compiles a schema.
 */
export function newAjv(options: Options): Ajv {
  // A require inside a function, evaluated only now; the bundles in out/ load it from out/ajv.js beside them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: AjvClass } = partOfTheBundle('ajv', () => require('ajv') as typeof import('ajv'));
  return new AjvClass(options);
}

const loaded = new Map<string, ValidateFunction | undefined>();

/**
 * A validator `npm run build` compiled (out/validators/<key>.js beside the bundles: one per Ignition spec
 * version, and the site file's), loaded on first use; undefined when running from the TypeScript sources,
 * where the caller compiles the schema.
 */
export function buildTimeValidator(key: string): ValidateFunction | undefined {
  if (!loaded.has(key)) {
    const path = typeof __dirname === 'string' ? join(__dirname, 'validators', `${key}.js`) : undefined;
    const exports = path && existsSync(path) ? (createRequire(path)(path) as Record<string, ValidateFunction>) : {};
    loaded.set(key, exports[key]);
  }
  return loaded.get(key);
}
