/**
 * The workspace beyond open documents: site files, their boot chains, and the findings of chain files that
 * are not open (re-checked when any file the chain reads changes, open or not). It never sends anything: it
 * says what to publish, and the server publishes it.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { textLooksBinary } from '../../../lib/core';
import type { Problem, SiteView } from '../../../lib/core';
import { lintDocument, type Finding, type RuleLevels } from '../../../lib/engine';
import { ChainCache, readDisk } from '../../../lib/chain';
import { diskContext, diskFiles, readSite, siteOf, workspaceSites } from '../../../lib/site';
import { pathOf } from './analysis';
import { positionsOf, type Positions } from './convert';

/** `mtime:size` of a file, or '' when it is not there. */
function statOf(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return '';
  }
}

/** A closed file's findings to publish (positions from its text on disk). */
export interface ClosedUpdate {
  uri: string;
  findings: Finding[];
  positions: Positions;
}

/** One file a site re-check touches: an open document to validate again, or a closed file's findings. */
export type SiteUpdate = { open: TextDocument } | ClosedUpdate;

export class Workspace {
  readonly chains: ChainCache;
  /** A chain that waited for a reader (lib/secureboot, loaded on first use) can now be built in full. */
  onChainsSettled?: () => void;
  folders: string[] = [];
  /** Closed files we published diagnostics for, with the site they belong to. */
  private readonly published = new Map<string, string>();
  /** What each closed chain file was last linted against. */
  private readonly closedFiles = new Map<string, { key: string }>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {
    this.chains = new ChainCache(
      () => diskFiles(),
      (path) => this.open(path)?.getText() ?? readDisk(path),
      () => this.onChainsSettled?.(),
    );
  }

  /** The open document for a path, if any. */
  open(path: string): TextDocument | undefined {
    return this.documents.all().find((d) => d.uri.startsWith('file:') && pathOf(d.uri) === path);
  }

  /** The site a document belongs to (looked up once per folder, until a site file appears or goes). */
  siteOf(uri: string): SiteView | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const folder = dirname(pathOf(uri));
    if (!this.siteFileOf.has(folder)) this.siteFileOf.set(folder, siteOf(folder));
    const file = this.siteFileOf.get(folder);
    return file ? readSite(file) : undefined;
  }

  private siteFiles: string[] | undefined;
  private readonly siteFileOf = new Map<string, string | undefined>();

  /** A pxe-site.json was created or deleted somewhere: look for sites again next time. */
  forgetSites(): void {
    this.siteFiles = undefined;
    this.siteFileOf.clear();
  }

  /** Every site: those under the workspace folders (found once, until forgetSites) and those of open documents. */
  sites(): SiteView[] {
    this.siteFiles ??= workspaceSites(this.folders);
    const files = new Set(this.siteFiles);
    for (const doc of this.documents.all()) {
      const site = this.siteOf(doc.uri);
      if (site) files.add(site.file);
    }
    return [...files].map((f) => readSite(f)).filter((s): s is SiteView => s !== undefined);
  }

  /** Cross-file findings for a document (empty without a site). */
  crossFile(uri: string): ReturnType<ChainCache['problemsFor']> {
    return uri.startsWith('file:') ? this.chains.problemsFor(this.siteOf(uri), pathOf(uri)) : [];
  }

  /** Where a file's offsets are, for related information in other files. */
  locate = (file: string): { uri: string; positions: Positions } => {
    const doc = this.open(file);
    if (doc) return { uri: doc.uri, positions: doc };
    return {
      uri: pathToFileURL(file).href,
      positions: positionsOf(
        this.chains
          .known()
          .find((c) => c.texts.has(file))
          ?.texts.get(file) ??
          readDisk(file) ??
          '',
      ),
    };
  };

  /**
   * What a re-check of a site's chain publishes, in the chain's order: its open documents (except
   * `validated`, which the caller has just validated), and the closed files whose findings changed,
   * cleared when they no longer have findings or no longer exist.
   */
  siteUpdates(site: SiteView, levels: RuleLevels, validated?: string): SiteUpdate[] {
    const chain = this.chains.chainOf(site);
    // After an edit only the files whose chain findings changed; otherwise every file the chain touches.
    const changed = this.chains.takeChangedFiles(site);
    const targets = changed ?? new Set([...chain.texts.keys(), ...chain.problems.keys()]);
    if (!changed) for (const [path, siteFile] of this.published) if (siteFile === site.file) targets.add(path);
    const updates: SiteUpdate[] = [];
    for (const path of targets) {
      const doc = this.open(path);
      if (doc) {
        if (doc.uri !== validated) updates.push({ open: doc });
        continue;
      }
      const closed = this.closedUpdate(path, site, levels, chain.problems.get(path) ?? []);
      if (closed) updates.push(closed);
    }
    return updates;
  }

  /** A closed chain file's new findings, or undefined when nothing it depends on changed. */
  private closedUpdate(
    path: string,
    site: SiteView,
    levels: RuleLevels,
    crossFile: readonly Problem[],
  ): ClosedUpdate | undefined {
    // A closed file is linted again only when it, its chain findings or the settings changed (or the
    // disk did: file events clear this memo), so an edit elsewhere costs a stat per chain file.
    const stat = statOf(path);
    const key = `${stat}\u0000${JSON.stringify(crossFile)}\u0000${JSON.stringify(levels)}`;
    if (this.closedFiles.get(path)?.key === key) return undefined;
    const text = stat ? readDisk(path) : undefined;
    // A binary file the chain names (a splash image in pxelinux.cfg/) is never linted as a config.
    const findings =
      text === undefined || textLooksBinary(text)
        ? []
        : lintDocument(text, { path, rules: diskContext(path), levels, crossFile }).findings;
    this.closedFiles.set(path, { key });
    if (!findings.length && !this.published.has(path)) return undefined;
    if (findings.length) this.published.set(path, site.file);
    else this.published.delete(path);
    return { uri: pathToFileURL(path).href, findings, positions: positionsOf(text ?? '') };
  }

  /** A document was closed: its disk state is what counts now. */
  forgetOpen(path: string): void {
    this.published.delete(path);
    this.closedFiles.delete(path);
  }

  /** Something on disk changed: closed files are linted again on the next re-check. */
  forgetClosedFiles(): void {
    this.closedFiles.clear();
  }
}
