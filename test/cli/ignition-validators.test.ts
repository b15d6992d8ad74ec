import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { schemaFor, SPEC_ORDER } from '../../lib/languages/ignition/catalog';
import { validatorKey } from '../../lib/languages/ignition/validatorKey';
import { built } from '../helpers/build';

describe('build-time Ignition validators (out/ignition-validators.js)', () => {
  it('exist for every version and give the same verdicts as validators compiled at run time', () => {
    built('server.js');
    const path = resolve('out/ignition-validators.js');
    const compiled = createRequire(path)(path) as Record<string, ValidateFunction>;
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    const samples = [
      { ignition: { version: 'x' } },
      { storage: { files: [{ path: '/a', mode: '420' }] } },
      { storage: { files: [{ mode: 420 }] }, passwd: { users: [{ name: 1 }] } },
      { storage: { links: [{ path: '/l' }] }, kernelArguments: { shouldExist: ['a'] } },
    ];
    for (const version of SPEC_ORDER) {
      const standalone = compiled[validatorKey(version)];
      expect(standalone, version).toBeTypeOf('function');
      const runtime = ajv.compile(schemaFor(version));
      for (const sample of samples) {
        expect(standalone!(sample), `${version} ${JSON.stringify(sample)}`).toBe(runtime(sample));
        expect(standalone!.errors?.length ?? 0).toBe(runtime.errors?.length ?? 0);
      }
    }
  });
});
