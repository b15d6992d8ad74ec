/**
 * Butane in the boot chain: an Ignition URL whose `.ign` the site names as the target of a Butane source is
 * followed to the `.bu` and reported there; a URL that serves a `.bu` itself is an error unless the site says
 * its machines' Ignition reads Butane (2.27.0 and later), and then only for a stable spec.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chain, Hop } from '../../../lib/chain';
import { chainData } from '../../../lib/chain';
import { BASE_SITE, LOADERS, memoryChain, problemsIn, ROOT, type Entry } from '../../helpers/memorySite';

const RSC =
  '/ip dhcp-server option\n' +
  `add code=66 name=tftp value="'192.168.255.2'"\nadd code=67 name=boot value="'lpxelinux.0'"\n` +
  '/ip dhcp-server option sets\nadd name=pxe options=tftp,boot\n' +
  '/ip dhcp-server network\n' +
  'add address=192.168.255.0/24 gateway=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe\n';
const config = (name: string): string =>
  'DEFAULT a\nLABEL a\n  KERNEL http://192.168.255.2/tftp/vmlinuz\n' +
  `  APPEND ignition.config.url=http://192.168.255.2/tftp/${name}\n`;
const BU = 'variant: fcos\nversion: 1.5.0\n';
const MERGE = `${BU}ignition:\n  config:\n    merge:\n      - source: http://192.168.255.2/tftp/extra.ign\n`;
const SOURCES = { sources: [{ source: 'tftp/config.bu', target: 'tftp/config.ign' }] };

function chainOf(files: Record<string, Entry>, butane: object = SOURCES, url = 'config.ign'): Chain {
  return memoryChain(
    { ...LOADERS, 'router.rsc': RSC, 'tftp/pxelinux.cfg/default': config(url), 'tftp/vmlinuz': 'k', ...files },
    { ...BASE_SITE, butane },
    { firmware: 'bios' },
  );
}

function ignitionHop(chain: Chain): Hop {
  const find = (hop: Hop): Hop | undefined =>
    hop.kind === 'ignition' ? hop : hop.children.map(find).find((h) => h !== undefined);
  const hop = find(chain.clients[0]!.root);
  if (!hop) throw new Error('no Ignition hop');
  return hop;
}

describe('an Ignition URL whose .ign is translated from a named Butane source', () => {
  it('is followed to the .bu: fine before the .ign exists (deploy writes it), and the view opens the .bu', () => {
    const chain = chainOf({ 'tftp/config.bu': BU });
    const hop = ignitionHop(chain);
    expect(hop).toMatchObject({
      status: 'ok',
      path: join(ROOT, 'tftp/config.ign'),
      source: join(ROOT, 'tftp/config.bu'),
    });
    expect(chain.problems.size).toBe(0);
    const data = chainData(chain, (p) => p);
    expect(JSON.stringify(data)).toContain(`"target":"${join(ROOT, 'tftp/config.bu')}"`);
  });

  it('reports a missing source on the URL, naming butane.sources', () => {
    const chain = chainOf({ 'tftp/config.ign': '{"ignition":{"version":"3.4.0"}}' });
    expect(ignitionHop(chain).status).toBe('missing');
    const text = config('config.ign');
    expect(problemsIn(chain, 'tftp/pxelinux.cfg/default', text)).toEqual([
      'chain.ignitionUnreachable: http://192.168.255.2/tftp/config.ign',
    ]);
    expect(chain.problems.get(join(ROOT, 'tftp/pxelinux.cfg/default'))![0]!.message).toMatch(
      /^tftp\/config\.ign is translated from tftp\/config\.bu \(butane\.sources in pxe-site\.json\), which is not there/,
    );
  });

  it('follows the merge sources of the translation, and reports a missing one at its line in the .bu', () => {
    const chain = chainOf({ 'tftp/config.bu': MERGE });
    expect(problemsIn(chain, 'tftp/config.bu', MERGE)).toEqual([
      'chain.ignitionUnreachable: http://192.168.255.2/tftp/extra.ign',
    ]);
    expect(ignitionHop(chain).children.map((h) => `${h.kind} ${h.label} ${h.status}`)).toEqual([
      'ignition extra.ign missing',
    ]);
    const fine = chainOf({ 'tftp/config.bu': MERGE, 'tftp/extra.ign': '{"ignition":{"version":"3.4.0"}}' });
    expect(fine.problems.size).toBe(0);
  });

  it('says when the source does not translate', () => {
    const hop = ignitionHop(chainOf({ 'tftp/config.bu': `${BU}storage:\n  files:\n    - path: /a\n      mode: x\n` }));
    expect(hop.status).toBe('warning');
    expect(hop.message).toBe('1 error in tftp/config.bu: it does not translate (see the file)');
  });
});

describe('an Ignition URL that serves a Butane config itself', () => {
  it('is an error when the machines’ Ignition does not read Butane, pointing at the translation when named', () => {
    const text = config('config.bu');
    const named = chainOf({ 'tftp/config.bu': BU }, SOURCES, 'config.bu');
    expect(ignitionHop(named).status).toBe('missing');
    expect(problemsIn(named, 'tftp/pxelinux.cfg/default', text)).toEqual([
      'chain.butaneServed: http://192.168.255.2/tftp/config.bu',
    ]);
    expect(named.problems.get(join(ROOT, 'tftp/pxelinux.cfg/default'))![0]!.message).toMatch(
      /^tftp\/config\.bu is a Butane config: Ignition reads only its translation \(before 2\.27\.0\)\. Point the URL at tftp\/config\.ign/,
    );
    const unnamed = chainOf({ 'tftp/config.bu': BU }, {}, 'config.bu');
    expect(unnamed.problems.get(join(ROOT, 'tftp/pxelinux.cfg/default'))![0]!.message).toContain(
      'name the pair in butane.sources of pxe-site.json',
    );
  });

  it('is read as Butane when the site says Ignition does (2.27.0+), a .yaml with variant and version too', () => {
    const reads = { ignitionReadsButane: true };
    const direct = chainOf({ 'tftp/config.bu': MERGE, 'tftp/extra.ign': '{}' }, reads, 'config.bu');
    expect(direct.problems.size).toBe(0);
    expect(ignitionHop(direct)).toMatchObject({ status: 'ok', source: join(ROOT, 'tftp/config.bu') });
    expect(ignitionHop(direct).children.map((h) => h.label)).toEqual(['extra.ign']);
    const yaml = chainOf({ 'tftp/config.yaml': BU }, {}, 'config.yaml');
    expect(problemsIn(yaml, 'tftp/pxelinux.cfg/default', config('config.yaml'))).toEqual([
      'chain.butaneServed: http://192.168.255.2/tftp/config.yaml',
    ]);
  });

  it('refuses an experimental version even then: a release of Ignition does not accept it', () => {
    const experimental = 'variant: fcos\nversion: 1.8.0-experimental\n';
    const chain = chainOf({ 'tftp/config.bu': experimental }, { ignitionReadsButane: true }, 'config.bu');
    expect(ignitionHop(chain)).toMatchObject({ status: 'missing' });
    expect(problemsIn(chain, 'tftp/pxelinux.cfg/default', config('config.bu'))).toEqual([
      'chain.butaneServed: http://192.168.255.2/tftp/config.bu',
    ]);
  });
});
