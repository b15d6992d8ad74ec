import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve, sep } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { schemaFor, SPEC_ORDER } from '../../lib/languages/ignition/catalog';
import { validatorKey } from '../../lib/languages/ignition/validatorKey';
import { SITE_VALIDATOR_KEY } from '../../lib/json/ajv';
import siteSchema from '../../schemas/pxe-site.schema.json';
import { built } from '../helpers/build';

/** The validator `npm run build` compiled into out/validators/<key>.js. */
function standalone(key: string): ValidateFunction | undefined {
  const path = built(`validators/${key}.js`);
  return (createRequire(path)(path) as Record<string, ValidateFunction>)[key];
}

describe('build-time validators (out/validators/)', () => {
  it('exist for every version and give the same verdicts as validators compiled at run time', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    const samples = [
      { ignition: { version: 'x' } },
      { storage: { files: [{ path: '/a', mode: '420' }] } },
      { storage: { files: [{ mode: 420 }] }, passwd: { users: [{ name: 1 }] } },
      { storage: { links: [{ path: '/l' }] }, kernelArguments: { shouldExist: ['a'] } },
    ];
    for (const version of SPEC_ORDER) {
      const compiled = standalone(validatorKey(version));
      expect(compiled, version).toBeTypeOf('function');
      const runtime = ajv.compile(schemaFor(version));
      for (const sample of samples) {
        expect(compiled!(sample), `${version} ${JSON.stringify(sample)}`).toBe(runtime(sample));
        expect(compiled!.errors?.length ?? 0).toBe(runtime.errors?.length ?? 0);
      }
    }
  });

  it("include the site file's, with the same verdicts and errors as the schema compiled at run time", () => {
    const site = standalone(SITE_VALIDATOR_KEY);
    expect(site).toBeTypeOf('function');
    const runtime = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(siteSchema);
    const samples = [
      { version: 1, name: 'lab', network: { subnet: '192.168.1.0/24' } },
      { version: 2, name: 5, network: { subnet: 'x', router: 1 }, targets: { nas: { kind: 'sftp', port: '22' } } },
      { version: 1, name: 'lab', machines: [{ mac: 'zz', firmware: 'bios' }], unknown: true },
      [],
    ];
    for (const sample of samples) {
      expect(site!(sample), JSON.stringify(sample)).toBe(runtime(sample));
      expect(site!.errors ?? []).toEqual(runtime.errors ?? []);
    }
  });
});

describe('a built CLI checking a site', () => {
  it('loads only the build-time validators it needs: ajv itself (out/ajv.js) never', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-validators-'));
    try {
      const probe = join(dir, 'probe.cjs');
      writeFileSync(
        probe,
        "process.on('exit', () => require('fs').writeFileSync(process.env.LOADED, Object.keys(require.cache).join('\\n')));",
      );
      const loadedFile = join(dir, 'loaded.txt');
      spawnSync(process.execPath, ['-r', probe, built('cli.js'), 'lint', resolve('examples/home-lab')], {
        env: { ...process.env, LOADED: loadedFile },
      });
      const loaded = readFileSync(loadedFile, 'utf8').split('\n');
      // Only the validators the site needs: its config's spec version and the site file's.
      expect(
        loaded
          .filter((p) => p.includes(`${sep}validators${sep}`))
          .map((p) => basename(p))
          .sort(),
      ).toEqual(['site.js', 'v3_4_0.js']);
      expect(loaded.filter((p) => p.endsWith(`${sep}ajv.js`))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
