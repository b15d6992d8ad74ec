import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { gradeDocument, lintPaths, type Finding } from '../../../lib/engine';
import { AnalysisCache } from '../../../server/src/lsp/analysis';
import { Workspace } from '../../../server/src/lsp/workspace';

const EXAMPLES = ['examples/home-lab', 'examples/cluster', 'examples/broken'];

/** What a finding is, without the fixes' and related places' object identity. */
const shape = (findings: readonly Finding[]): string[] => findings.map((f) => JSON.stringify(f));

// One pipeline: a file gets the same findings from the CLI, as a closed chain file and as an open document.
describe('one lint pipeline', () => {
  it.each(EXAMPLES)('%s: an open document gets the findings the CLI reports for the file', async (folder) => {
    const reports = await lintPaths([folder]);
    expect(reports.length).toBeGreaterThan(3);
    const workspace = new Workspace(new TextDocuments(TextDocument));
    for (const report of reports) {
      const uri = pathToFileURL(report.path).href;
      const doc = TextDocument.create(uri, report.language ?? 'plaintext', 1, report.text);
      const analysis = new AnalysisCache().get(doc);
      expect(analysis.language, report.path).toBe(report.language);
      const findings = gradeDocument(analysis, { crossFile: workspace.crossFile(uri) });
      expect(shape(findings), report.path).toEqual(shape(report.findings));
    }
  });

  it.each(EXAMPLES)('%s: a closed chain file gets the findings the CLI reports for it', async (folder) => {
    const byPath = new Map((await lintPaths([folder])).map((r) => [r.path, r]));
    const workspace = new Workspace(new TextDocuments(TextDocument));
    workspace.folders = [join(process.cwd(), folder)];
    let compared = 0;
    for (const site of workspace.sites()) {
      // A closed file is published when it has findings: no update means none.
      const published = new Map<string, readonly Finding[]>();
      for (const update of workspace.siteUpdates(site, {})) {
        if ('open' in update) throw new Error('no document is open');
        published.set(fileURLToPath(update.uri), update.findings);
      }
      for (const path of workspace.chains.chainOf(site).texts.keys()) {
        const report = byPath.get(path);
        // Files the CLI does not lint (a loader, a kernel) have no findings of their own to compare.
        if (!report) continue;
        expect(shape(published.get(path) ?? []), path).toEqual(shape(report.findings));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('the open pipeline binds the editor features of its language to the analysed text', () => {
    const text = readFileSync('examples/home-lab/tftp/fedora-coreos.ipxe', 'utf8');
    const analysis = new AnalysisCache().get(TextDocument.create('untitled:fedora-coreos.ipxe', 'ipxe', 1, text));
    expect(analysis.features?.language).toBe('ipxe');
    expect(analysis.features?.symbols().length).toBeGreaterThan(0);
  });
});

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('one publisher', () => {
  it('only server/src/lsp/publisher.ts sends diagnostics, from one call', () => {
    const calls = sources('server/src').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/sendDiagnostics\b/g)].map(() => file),
    );
    expect(calls).toEqual([join('server/src/lsp/publisher.ts')]);
  });
});
