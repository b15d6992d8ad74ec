/**
 * lib/secureboot loads on first use: a chain that needs a verdict before it is there is pending, its cache's
 * owner hears when it can be built in full, and a site of placeholders never loads it.
 */
import { describe, expect, it } from 'vitest';
import { buildChain, ChainCache, readDisk } from '../../../lib/chain';
import { diskFiles } from '../../../lib/site/disk';
import { readSite } from '../../../lib/site/view';
import { secureBootSite } from '../../helpers/secureBootSite';

describe('the signature reader, loaded on first use', () => {
  it('a site of placeholders (examples/secure-boot) does not need it', () => {
    const chain = buildChain({
      site: readSite('examples/secure-boot/pxe-site.json')!,
      files: diskFiles(),
      read: readDisk,
    });
    expect(chain.pending).toBeUndefined();
  });

  it('a real shim makes the chain pending; the cache says when it settles, and the verdicts are then in', async () => {
    const site = readSite(secureBootSite('syslinuxRefused').siteFile)!;
    let settled = 0;
    const cache = new ChainCache(diskFiles, readDisk, () => settled++);
    const first = cache.chainOf(site);
    expect(first.pending).toBeDefined();
    expect([...first.problems.values()].flat().filter((p) => p.ruleId.startsWith('chain.secureBoot'))).toEqual([]);
    await first.pending;
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(1);
    const second = cache.chainOf(site);
    expect(second).not.toBe(first);
    expect(second.pending).toBeUndefined();
    expect([...second.problems.values()].flat().map((p) => p.ruleId)).toContain('chain.secureBootAdvice');
  });
});
