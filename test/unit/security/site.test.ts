import { chmodSync, chownSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diskContext, loadSiteView, readSite } from '../../../lib/site/view';
import { loadSite, SiteFileError } from '../../../lib/site/load';
import { checkSite, FULL_SITE, hostileSite } from '../../helpers/siteFuzz';

function siteFile(json: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pxe-site-')), 'pxe-site.json');
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

const withTarget = (target: object): object => ({
  ...FULL_SITE,
  targets: { nas: { kind: 'synology', host: '127.0.0.1', user: 'u', ...target } },
});

describe('the site loader refuses wrong types, naming the field', () => {
  it.each([
    ['targets.nas.remoteRoot', withTarget({ remoteRoot: 5 }), 'must be a string (it is 5)'],
    ['targets.nas.identityFile', withTarget({ identityFile: 7 }), 'must be a string (it is 7)'],
    ['targets.nas.files', withTarget({ files: 'x' }), 'must be a list (it is "x")'],
    ['targets.nas.apiCertificate', withTarget({ apiCertificate: 5 }), 'must be a string (it is 5)'],
    ['vm.mac', { ...FULL_SITE, vm: { mac: 5 } }, 'must be a string (it is 5)'],
    ['targets.nas.port', withTarget({ port: '22' }), 'must be a whole number (it is "22")'],
  ])('%s', (field, json, why) => {
    const file = siteFile(json);
    expect(() => loadSite(file)).toThrow(SiteFileError);
    expect(() => loadSite(file)).toThrow(`\`${field}\` ${why}`);
    expect(() => loadSiteView(file)).toThrow(/Fix the value in the site file/);
    // The editor's cached view gives nothing rather than a value of the wrong type.
    expect(readSite(file)).toBeUndefined();
  });

  it('loads a correct site', () => {
    expect(loadSiteView(siteFile(FULL_SITE)).tftpRoot).toMatch(/tftp$/);
  });

  it('refuses a FIFO, a deep file and a huge file with their reasons', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-site-'));
    execFileSync('mkfifo', [join(dir, 'pxe-site.json')]);
    expect(() => loadSite(join(dir, 'pxe-site.json'))).toThrow(/named pipe/);
    expect(() => loadSite(siteFile('['.repeat(20_000) + ']'.repeat(20_000)))).toThrow(/nested deeper than 256/);
    expect(() => loadSite(siteFile(`{"name":"${'x'.repeat(2 * 1024 * 1024)}"}`))).toThrow(/larger than 1 MiB/);
    expect(() => loadSite(siteFile('{"name": '))).toThrow(/not valid JSON/);
  });

  it('a `__proto__` key stays plain data (it would set the prototype and hide `nodes: 5` from the schema)', () => {
    const file = siteFile('{ "version": 1, "name": "x", "__proto__": { "nodes": 5, "tftp": 7 } }');
    const view = loadSiteView(file);
    expect(view.fleet).toBeUndefined();
    expect(view.tftpRoot).toBeUndefined();
  });

  it('escapes control characters of the value it quotes', () => {
    expect(() => loadSite(siteFile({ ...FULL_SITE, vm: { memoryMiB: '\u001b[2J' } }))).toThrow('(it is "\\u001b[2J")');
  });
});

describe('fuzz: hostile site files', () => {
  it(
    '2,000 generated sites with wrong types: only SiteFileError, ' +
      'and nothing that passes crashes the chain (npm run fuzz runs 1,000,000)',
    () => {
      fc.assert(
        fc.property(hostileSite(), (json) => {
          expect(checkSite(json)).toBeUndefined();
        }),
        { numRuns: 2_000, seed: 20261202 },
      );
    },
  );
});

describe('a site file anyone could have planted is not used', () => {
  const plant = (): { dir: string; script: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-planted-'));
    writeFileSync(join(dir, 'pxe-site.json'), JSON.stringify(FULL_SITE));
    execFileSync('mkdir', ['-p', join(dir, 'tftp')]);
    writeFileSync(join(dir, 'tftp', 'boot.ipxe'), '#!ipxe\n');
    return { dir, script: join(dir, 'tftp', 'boot.ipxe') };
  };

  it("in a world-writable folder (like /tmp itself) it is skipped; in the user's own folder it is found", () => {
    const { dir, script } = plant();
    expect(diskContext(script).site?.file).toBe(join(dir, 'pxe-site.json'));
    chmodSync(dir, 0o777);
    expect(diskContext(script).site).toBeUndefined();
    chmodSync(dir, 0o755);
  });

  it.runIf(process.getuid?.() === 0)(
    'owned by another user it is skipped (root runs CI, so it can hand the file to someone else)',
    () => {
      const { script } = plant();
      chownSync(join(script, '..', '..', 'pxe-site.json'), 12345, 12345);
      expect(diskContext(script).site).toBeUndefined();
    },
  );
});
