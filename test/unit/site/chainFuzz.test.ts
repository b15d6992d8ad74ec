/**
 * Property test: the boot chain never throws, whatever the router script, PXELINUX config, iPXE script,
 * Ignition config and site file hold (mutated from the home lab), and always ends (no loop).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate } from '../../helpers/mutate';
import { BASE_SITE, LOADERS, memoryChain } from '../../helpers/memorySite';

const seeds = {
  'router.rsc': readFileSync('examples/home-lab/router/pxe-dhcp.rsc', 'utf8').replace(
    /192\.168\.255\.2\/tftp/g,
    '192.168.255.2/tftp',
  ),
  'tftp/pxelinux.cfg/default': readFileSync('examples/home-lab/tftp/pxelinux.cfg/default', 'utf8'),
  'tftp/fedora-coreos.ipxe': readFileSync('examples/home-lab/tftp/fedora-coreos.ipxe', 'utf8'),
  'tftp/fedora-coreos/config.ign': readFileSync('examples/home-lab/tftp/fedora-coreos/config.ign', 'utf8'),
};
const TOKENS = [
  '${',
  '}',
  '${net0/mac:hexhyp}',
  'chain ',
  'chain fedora-coreos.ipxe\n',
  'kernel ',
  'http://192.168.255.2/tftp/',
  'http://',
  'tftp://',
  '../',
  '/',
  'add code=67 value="\'x\'"\n',
  "'",
  '"',
  '=',
  ',',
  '\n',
  'LABEL ',
  'KERNEL ',
  'APPEND ',
  'ignition.config.url=',
  '{"ignition":{"config":{"merge":[{"source":"http://192.168.255.2/tftp/fedora-coreos/config.ign"}]}}}',
  ' ',
];

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 30 }),
  insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 12 })),
});

describe('boot chain under mutated inputs', () => {
  it('never throws and always ends', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(seeds) as (keyof typeof seeds)[])),
        fc.array(edit, { maxLength: 8 }),
        fc.boolean(),
        (file, edits, withImages) => {
          const files = {
            ...LOADERS,
            ...seeds,
            'tftp/fedora-coreos/fedora-coreos-live-kernel-x86_64': 'k',
            [file]: mutate(seeds[file], edits),
          };
          const site = {
            ...BASE_SITE,
            router: { config: 'router.rsc' },
            ...(withImages ? { images: { dir: 'tftp/fedora-coreos' } } : {}),
          };
          const chain = memoryChain(files, site);
          expect(chain.clients.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400, seed: 8 },
    );
    // 400 runs take ~5 s alone and longer when the suites share the machine: a timeout here is not a finding.
  }, 60_000);
});
