import type Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { partOfTheBundle } from '../core/bundle';

/** The export name of the site file's validator in out/validators.js. */
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

let compiled: Record<string, ValidateFunction | undefined> | undefined;

/**
 * A validator `npm run build` compiled (out/validators.js beside the bundles: every Ignition spec version
 * and the site file), or undefined when running from the TypeScript sources, where the caller compiles it.
 */
export function buildTimeValidator(key: string): ValidateFunction | undefined {
  if (!compiled) {
    compiled = {};
    const path = typeof __dirname === 'string' ? join(__dirname, 'validators.js') : undefined;
    if (path && existsSync(path)) compiled = createRequire(path)(path) as Record<string, ValidateFunction | undefined>;
  }
  return compiled[key];
}
