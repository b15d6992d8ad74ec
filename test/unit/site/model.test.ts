/**
 * The typed site model: `loadSite` is the one read of pxe-site.json, its interfaces name every property the
 * schema has, and each command that reads the site refuses a value of the wrong type naming the field and the
 * file, before it uses anything.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../../schemas/pxe-site.schema.json';
import { loadNasTarget, targetNames } from '../../../lib/deploy/target';
import { planNodes } from '../../../lib/nodes/generate';
import { loadRouterTarget } from '../../../lib/router/target';
import { loadSite, SiteFileError } from '../../../lib/site/load';
import { targetOf } from '../../../lib/site/model';
import { siteView } from '../../../lib/site/view';
import { vmPlan, VmError } from '../../../lib/vm/plan';
import { FULL_SITE } from '../../helpers/siteFuzz';

function siteFile(json: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'pxe-model-'));
  mkdirSync(join(root, 'tftp'));
  writeFileSync(join(root, 'pxe-site.json'), typeof json === 'string' ? json : JSON.stringify(json));
  return join(root, 'pxe-site.json');
}

describe('loadSite', () => {
  it('gives the site file typed, every section as written', () => {
    const site = loadSite(siteFile(FULL_SITE));
    expect(site.targets?.nas?.port).toBe(22);
    expect(site.nodes?.[0]?.firmware).toBe('bios');
    expect(site.vm?.memoryMiB).toBe(512);
    expect(site.images?.keep).toBe(2);
    expect(siteView('/site/pxe-site.json', site)).toMatchObject({
      root: '/site',
      tftpRoot: '/site/tftp',
      nasRemoteRoot: '/volume1/tftp',
      images: { dir: '/site/tftp/images', keep: 2, stream: 'stable', arch: 'x86_64' },
    });
  });

  it('makes the Butane paths absolute and leaves out a source without both paths', () => {
    const site = loadSite(
      siteFile({
        butane: {
          filesDir: 'butane/files',
          ignitionReadsButane: true,
          sources: [{ source: 'butane/a.bu', target: 'tftp/a.ign' }, { source: 'butane/b.bu' }],
        },
      }),
    );
    expect(siteView('/site/pxe-site.json', site).butane).toEqual({
      filesDir: '/site/butane/files',
      ignitionReadsButane: true,
      sources: [{ source: '/site/butane/a.bu', target: '/site/tftp/a.ign' }],
    });
    expect(() => loadSite(siteFile({ butane: { ignitionReadsButane: 'yes' } }))).toThrow(
      /`butane.ignitionReadsButane` must be true or false/,
    );
  });

  it('leaves a missing required property to the site file’s diagnostics (only types are refused)', () => {
    expect(loadSite(siteFile({ name: 'bare' }))).toEqual({ name: 'bare' });
  });

  it('finds a target only as an own property', () => {
    const site = loadSite(siteFile('{ "targets": { "__proto__": { "kind": "sftp" } } }'));
    expect(targetOf(site, '__proto__')?.kind).toBe('sftp');
    expect(targetOf(site, 'constructor')).toBeUndefined();
    expect(targetOf(site, 'toString')).toBeUndefined();
  });
});

describe('the model names every property of the schema', () => {
  const source = readFileSync('lib/site/model.ts', 'utf8');
  const body = (name: string): string => /\{([^}]*)\}/.exec(source.slice(source.indexOf(`interface ${name} `)))![1]!;
  const props = (object: { properties: Record<string, unknown> }): string[] => Object.keys(object.properties);
  const sections: [string, string[]][] = [
    ['Site', props(schema)],
    ['SiteNetwork', props(schema.properties.network)],
    ['SiteTftp', props(schema.properties.tftp)],
    ['SiteHttp', props(schema.properties.http)],
    ['SiteRouter', props(schema.properties.router)],
    ['SiteTarget', props(schema.definitions.target)],
    ['SiteImages', props(schema.properties.images)],
    ['SiteButane', props(schema.properties.butane)],
    ['SiteButaneSource', props(schema.properties.butane.properties.sources.items)],
    ['SiteProfile', props(schema.properties.profiles.additionalProperties)],
    ['SiteNode', props(schema.properties.nodes.items)],
    ['SiteVm', props(schema.properties.vm)],
  ];
  it.each(sections)('%s', (name, keys) => {
    const declared = [...body(name).matchAll(/^\s*(\$?\w+)\?:/gm)].map((m) => m[1]);
    expect(declared.sort()).toEqual([...keys].sort());
  });
});

describe('every command that reads the site refuses a wrong type, naming the field and the file', () => {
  const wrong = (patch: object): string => siteFile({ ...FULL_SITE, ...patch });
  const named = (field: string): string => `pxe-site.json: \`${field}\` must be`;

  it('deploy (target list and NAS target)', () => {
    const file = wrong({ targets: { nas: { ...FULL_SITE.targets.nas, port: '22' } } });
    expect(() => targetNames(file)).toThrow(SiteFileError);
    expect(() => loadNasTarget(file, 'nas')).toThrow(named('targets.nas.port'));
  });

  it('router target', async () => {
    const file = wrong({ targets: { router: { ...FULL_SITE.targets.router, apiTls: 'yes' } } });
    await expect(loadRouterTarget(file, 'router')).rejects.toThrow(named('targets.router.apiTls'));
  });

  it('test VM (as a VmError)', () => {
    const file = wrong({ vm: { memoryMiB: '512' } });
    expect(() => vmPlan(file)).toThrow(VmError);
    expect(() => vmPlan(file)).toThrow(named('vm.memoryMiB'));
  });

  it('node generation', () => {
    expect(() => planNodes(wrong({ nodes: [{ name: 'w1', mac: 5, profile: 'worker' }] }))).toThrow(
      named('nodes[0].mac'),
    );
  });
});
