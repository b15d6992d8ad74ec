/** The boot chain of a site, built once per change of anything it reads, and its findings per file. */
import type { FileView, SiteView } from '../core/ruleContext';
import { analysisFailed } from '../core/language';
import type { Problem } from '../core/problem';
import { readTextOrUndefined } from '../core/untrusted';
import { buildChain } from './build';
import type { Chain, ParsedFiles } from './model';

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
  /** Per site: what its chain builds parsed, kept while the texts stay the same. */
  private readonly parsed = new Map<string, ParsedFiles>();
  /** Chains an edit made stale: the next build starts from them. */
  private readonly stale = new Map<string, { chain: Chain; changed: Set<string> }>();
  private readonly lastChanged = new Map<string, Set<string>>();
  /** The file view each site's last build listed the disk with. */
  private readonly views = new Map<string, FileView>();

  /**
   * `settled` runs when a chain that was pending (a reader loading on first use) can be built in full: the
   * owner re-checks what it published.
   */
  constructor(
    private readonly files: () => FileView,
    private readonly read: (path: string) => string | undefined = readDisk,
    private readonly settled?: () => void,
  ) {}

  /** Every chain is built again next time (the disk or the settings changed). */
  invalidate(): void {
    this.generation++;
    this.stale.clear();
    this.lastChanged.clear();
  }

  /**
   * One file's text changed (an edit in the editor): only the chains that read it, or whose site file it
   * is, are built again — a file no chain reads cannot change what a chain finds, as which files a chain
   * reads depends only on the files it read. True when some chain is affected. With `text` (the file's
   * text now), a chain that read exactly this text is not affected: opening a file in the editor reports
   * its text as a change, and the chain already read the same text from disk.
   */
  changed(path: string, text?: string): boolean {
    let affected = false;
    for (const [siteFile, cached] of this.chains) {
      if (siteFile !== path && !cached.chain.files.has(path)) continue;
      if (readThis(cached.chain, path, text)) continue;
      affected = true;
      // A chain from before the last invalidation is built from scratch anyway: nothing of it may be kept.
      if (cached.generation !== this.generation) continue;
      // Built again on next use, following again only the machines whose hops read this file.
      this.stale.set(siteFile, { chain: cached.chain, changed: new Set([path]) });
      this.chains.delete(siteFile);
    }
    // A chain not built again since an earlier edit: this file is edited too.
    for (const [siteFile, stale] of this.stale)
      if ((siteFile === path || stale.chain.files.has(path)) && !readThis(stale.chain, path, text)) {
        stale.changed.add(path);
        affected = true;
      }
    return affected;
  }

  /**
   * Once after an incremental build: the files whose findings it changed (the edited files included), so
   * the caller re-checks only those. Undefined after a build from scratch, or when already taken.
   */
  takeChangedFiles(site: SiteView): Set<string> | undefined {
    const changed = this.lastChanged.get(site.file);
    this.lastChanged.delete(site.file);
    return changed;
  }

  chainOf(site: SiteView): Chain {
    const cached = this.chains.get(site.file);
    if (cached && cached.generation === this.generation && cached.chain.site === site) return cached.chain;
    let chain: Chain;
    try {
      let parsed = this.parsed.get(site.file);
      if (!parsed) this.parsed.set(site.file, (parsed = new Map()));
      const previous = cached ? undefined : this.stale.get(site.file);
      this.stale.delete(site.file);
      // An edit in the editor leaves the disk as it was: the listings the last build made still hold (a
      // change on disk invalidates every chain, and the next build lists again).
      const files = (previous && this.views.get(site.file)) || this.files();
      this.views.set(site.file, files);
      chain = buildChain({ site, files, read: this.read, parsed, ...(previous ? { previous } : {}) });
      if (previous) this.lastChanged.set(site.file, findingsChanged(previous.chain, chain, previous.changed));
      else this.lastChanged.delete(site.file);
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

  /** A file's text as a chain built in this generation read it (a one-shot lint need not read it again). */
  knownText(path: string): string | undefined {
    for (const { generation, chain } of this.chains.values())
      if (generation === this.generation && chain.texts.has(path)) return chain.texts.get(path);
    return undefined;
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
/** The files whose findings differ between two builds of a chain (the edited file always counts). */
function findingsChanged(before: Chain, after: Chain, edited: Set<string>): Set<string> {
  const changed = new Set(edited);
  for (const file of new Set([...before.problems.keys(), ...after.problems.keys()])) {
    const a = before.problems.get(file) ?? [];
    const b = after.problems.get(file) ?? [];
    if (a.length !== b.length || a.some((p, i) => p !== b[i] && JSON.stringify(p) !== JSON.stringify(b[i])))
      changed.add(file);
  }
  return changed;
}

export { chainData, STATUS_SYMBOL, type ClientData, type HopData, type ChainData, hopsAt } from './serialize';
export { chainPage, nodeTarget, type Where } from './render';
export { bootFileOf, dhcpFacts, offerFor, type BootFile, type DhcpFacts, type Offer } from './offer';

/** True when `chain` read `path` and its text was `text` then. */
function readThis(chain: Chain, path: string, text: string | undefined): boolean {
  return text !== undefined && chain.texts.get(path) === text;
}
