/**
 * The workspace beyond open documents: site files, their boot chains, and diagnostics for chain files that
 * are not open (re-checked when any file the chain reads changes, open or not).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SITE_FILE_NAME } from '../../../lib/core';
import { textLooksBinary } from '../../../lib/core';
import type { SiteView } from '../../../lib/core';
import { lintText, type Finding, type RuleLevels } from '../../../lib/engine';
import { ChainCache, readDisk, type Chain } from '../../../lib/chain';
import { diskContext, diskFiles, readSite, trustedSiteFile } from '../../../lib/site';
import { pathOf } from './analysis';
import { positionsOf, toDiagnostic, type Positions } from './convert';

const SKIP = new Set(['node_modules', 'out', 'dist', '.git', '.vscode-test']);

/** Site files under a folder (a few levels deep: sites sit at the top of a workspace or just below). */
export function findSiteFiles(dir: string, depth = 3): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && entry.name === SITE_FILE_NAME && trustedSiteFile(join(dir, entry.name)))
      found.push(join(dir, entry.name));
    else if (entry.isDirectory() && depth > 0 && !SKIP.has(entry.name) && !entry.name.startsWith('.'))
      found.push(...findSiteFiles(join(dir, entry.name), depth - 1));
  }
  return found;
}

/** `mtime:size` of a file, or '' when it is not there. */
function statOf(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return '';
  }
}

export class Workspace {
  readonly chains: ChainCache;
  folders: string[] = [];
  /** Closed files we published diagnostics for, with the site they belong to. */
  private readonly published = new Map<string, string>();
  /** What each closed chain file was last linted against. */
  private readonly closedFiles = new Map<string, { key: string }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    this.chains = new ChainCache(
      () => diskFiles(),
      (path) => this.open(path)?.getText() ?? readDisk(path),
    );
  }

  /** The open document for a path, if any. */
  open(path: string): TextDocument | undefined {
    return this.documents.all().find((d) => d.uri.startsWith('file:') && pathOf(d.uri) === path);
  }

  siteOf(uri: string): SiteView | undefined {
    return uri.startsWith('file:') ? diskContext(pathOf(uri)).site : undefined;
  }

  private siteFiles: string[] | undefined;

  /** A pxe-site.json was created or deleted somewhere: look for sites again next time. */
  forgetSites(): void {
    this.siteFiles = undefined;
  }

  /** Every site: those under the workspace folders (found once, until forgetSites) and those of open documents. */
  sites(): SiteView[] {
    this.siteFiles ??= this.folders.flatMap((f) => findSiteFiles(f));
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

  diagnostics(findings: readonly Finding[], doc: Positions, uri: string): Diagnostic[] {
    return findings.map((f) => toDiagnostic(f, doc, uri, this.locate));
  }

  /**
   * Re-checks the files of a site's chain that are not open (open ones go through `validateOpen`, except
   * `validated`, which the caller has just validated), and clears files that no longer have findings or no
   * longer exist.
   */
  publishSite(
    site: SiteView,
    levels: RuleLevels,
    validateOpen: (doc: TextDocument) => void,
    validated?: string,
  ): Chain {
    const chain = this.chains.chainOf(site);
    const targets = new Set([...chain.texts.keys(), ...chain.problems.keys()]);
    for (const [path, siteFile] of this.published) if (siteFile === site.file) targets.add(path);
    for (const path of targets) {
      const doc = this.open(path);
      if (doc) {
        if (doc.uri !== validated) validateOpen(doc);
        continue;
      }
      // A closed file is linted again only when it, its chain findings or the settings changed (or the
      // disk did: file events clear this memo), so an edit elsewhere costs a stat per chain file.
      const stat = statOf(path);
      const crossFile = chain.problems.get(path) ?? [];
      const key = `${stat}\u0000${JSON.stringify(crossFile)}\u0000${JSON.stringify(levels)}`;
      const memo = this.closedFiles.get(path);
      if (memo?.key === key) continue;
      const uri = pathToFileURL(path).href;
      const text = stat ? readDisk(path) : undefined;
      // A binary file the chain names (a splash image in pxelinux.cfg/) is never linted as a config.
      const findings =
        text === undefined || textLooksBinary(text)
          ? []
          : lintText(path, text, { levels, context: diskContext(path), crossFile }).findings;
      this.closedFiles.set(path, { key });
      if (!findings.length && !this.published.has(path)) continue;
      void this.connection.sendDiagnostics({
        uri,
        diagnostics: this.diagnostics(findings, positionsOf(text ?? ''), uri),
      });
      if (findings.length) this.published.set(path, site.file);
      else this.published.delete(path);
    }
    return chain;
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
