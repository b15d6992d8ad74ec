import type Ajv from 'ajv';
import type { Options } from 'ajv';
import { partOfTheBundle } from '../core/bundle';

/**
 * A JSON Schema compiler. The ajv library is evaluated here, on first use: the Ignition validators are
 * compiled at build time, so a server only runs ajv to check a site file (or, from the sources, a config).
 */
export function newAjv(options: Options): Ajv {
  // A require inside a function, evaluated only now; the bundles in out/ load it from out/ajv.js beside them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: AjvClass } = partOfTheBundle('ajv', () => require('ajv') as typeof import('ajv'));
  return new AjvClass(options);
}
