/** The boot chain of a site, built once per change of anything it reads, and its findings per file. */
import type { FileView, SiteView } from '../core/ruleContext';
import { analysisFailed } from '../core/language';
import type { Problem } from '../core/problem';
import { readTextOrUndefined } from '../core/untrusted';
import { buildChain } from './build';
import type { Chain } from './model';

export { buildChain, UPDATE_IMAGES_COMMAND } from './build';
export { loadSecureBoot } from './trust';
export { loaderOf } from './hops';
export { CHAIN_RULES } from './rules';
export * from './model';

/** A file's text from disk: undefined when it is missing, not a regular file or over the size cap. */
export function readDisk(path: string): string | undefined {
  return readTextOrUndefined(path);
}

/**
 * Chains by site file, valid for one generation: the owner bumps the generation whenever a file may have
 * changed (an edit, a file event), and the next request rebuilds. Reads go through `read` (open editors
 * first, then disk).
 */
export class ChainCache {
  private generation = 0;
  private readonly chains = new Map<string, { generation: number; chain: Chain }>();

  /**
   * `settled` runs when a chain that was pending (a reader loading on first use) can be built in full: the
   * owner re-checks what it published.
   */
  constructor(
    private readonly files: () => FileView,
    private readonly read: (path: string) => string | undefined = readDisk,
    private readonly settled?: () => void,
  ) {}

  invalidate(): void {
    this.generation++;
  }

  chainOf(site: SiteView): Chain {
    const cached = this.chains.get(site.file);
    if (cached && cached.generation === this.generation && cached.chain.site === site) return cached.chain;
    let chain: Chain;
    try {
      chain = buildChain({ site, files: this.files(), read: this.read });
    } catch (error) {
      // A bug on odd input must not take the server down: the site file says the chain could not be built.
      const problem = analysisFailed('Building the boot chain', error);
      chain = {
        site,
        clients: [],
        problems: new Map([[site.file, [problem]]]),
        files: new Set([site.file]),
        texts: new Map(),
        notes: [problem.message],
      };
    }
    this.chains.set(site.file, { generation: this.generation, chain });
    if (chain.pending)
      void chain.pending.then(() => {
        this.invalidate();
        this.settled?.();
      });
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
export { chainData, STATUS_SYMBOL, type ClientData, type HopData, type ChainData, hopsAt } from './serialize';
export { chainPage, nodeTarget, type Where } from './render';
export { bootFileOf, dhcpFacts, offerFor, type BootFile, type DhcpFacts, type Offer } from './offer';
