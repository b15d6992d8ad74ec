/** The boot chain of a site, built once per change of anything it reads, and its findings per file. */
import { readFileSync } from 'node:fs';
import type { FileView, SiteView } from '../../core/context';
import type { Problem } from '../../core/problem';
import { buildChain } from './build';
import type { Chain } from './model';

export { buildChain, UPDATE_IMAGES_COMMAND } from './build';
export { loaderOf } from './hops';
export { CHAIN_RULES } from './rules';
export * from './model';

export function readDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Chains by site file, valid for one generation: the owner bumps the generation whenever a file may have
 * changed (an edit, a file event), and the next request rebuilds. Reads go through `read` (open editors
 * first, then disk).
 */
export class ChainCache {
  private generation = 0;
  private readonly chains = new Map<string, { generation: number; chain: Chain }>();

  constructor(
    private readonly files: () => FileView,
    private readonly read: (path: string) => string | undefined = readDisk,
  ) {}

  invalidate(): void {
    this.generation++;
  }

  chainOf(site: SiteView): Chain {
    const cached = this.chains.get(site.file);
    if (cached && cached.generation === this.generation && cached.chain.site === site) return cached.chain;
    const chain = buildChain({ site, files: this.files(), read: this.read });
    this.chains.set(site.file, { generation: this.generation, chain });
    return chain;
  }

  /** Every chain built so far (their files get re-checked when something changes). */
  known(): Chain[] {
    return [...this.chains.values()].map((c) => c.chain);
  }

  problemsFor(site: SiteView | undefined, path: string | undefined): Problem[] {
    if (!site || !path) return [];
    return this.chainOf(site).problems.get(path) ?? [];
  }
}
