/**
 * One site discovery: the language server (its workspace's sites), the CLI (a command's default --site) and the
 * extension's commands (workspaceSiteFiles, the one-line vscode glue over workspaceSites) find the same site
 * files in a folder tree, skipping the same folders as `lint <folder>` and the site files anyone could plant.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteFileFor } from '../../../cli/src/input';
import { lintPaths } from '../../../lib/engine/files';
import { SKIP_DIRS, siteOf, sitesIn, skippedFolder, workspaceSites } from '../../../lib/site/discover';
import { Workspace } from '../../../server/src/lsp/workspace';

const SITE = JSON.stringify({ version: 1, name: 'x', network: { subnet: '10.0.0.0/24', router: '10.0.0.1' } });

let root: string;
const at = (...parts: string[]): string => join(root, ...parts, 'pxe-site.json');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pxe-discover-'));
  chmodSync(root, 0o755); // mkdtemp's folder is the user's own, not world-writable
  const plant = (...parts: string[]): void => {
    mkdirSync(join(root, ...parts), { recursive: true });
    writeFileSync(at(...parts), SITE);
  };
  plant(); // the workspace's own
  plant('lab'); // one level down
  plant('sites', 'b', 'c'); // three levels down: still found
  plant('sites', 'b', 'c', 'd'); // four: too deep for the walk (a command run there finds it upward)
  for (const skipped of ['node_modules', 'out', 'dist', '.git', '.hg', '.svn', '.vscode-test', '.cache'])
    plant(skipped);
  plant('planted');
  chmodSync(join(root, 'planted'), 0o777); // world-writable: anyone could have put it there
  writeFileSync(join(root, 'lab', 'boot.ipxe'), '#!ipxe\nchain x.ipxe\n');
  mkdirSync(join(root, 'lab', 'deeper', 'still'), { recursive: true });
});

afterAll(() => chmodSync(join(root, 'planted'), 0o755));

const EXPECTED = (): string[] => [at(), at('lab'), at('sites', 'b', 'c')];

describe('sitesIn: site files down a folder', () => {
  it('finds the folder’s own first, then by folder name, three levels deep, skipping build, VCS and dot folders', () => {
    expect(sitesIn(root)).toEqual(EXPECTED());
    expect(sitesIn(root, 1)).toEqual([at(), at('lab')]);
    expect(sitesIn(join(root, 'missing'))).toEqual([]);
  });

  it('one skip set: every folder lint walks past is one discovery walks past', () => {
    for (const name of SKIP_DIRS) expect(skippedFolder(name), name).toBe(true);
    expect(skippedFolder('.anything')).toBe(true);
    expect(skippedFolder('tftp')).toBe(false);
  });

  it('workspaceSites takes each site once when one folder holds another', () => {
    expect(workspaceSites([root, join(root, 'lab')])).toEqual(EXPECTED());
  });
});

describe('siteOf: the site a file or folder belongs to', () => {
  it('looks in the folder itself, then upward, past a planted site file', () => {
    expect(siteOf(join(root, 'lab'))).toBe(at('lab'));
    expect(siteOf(join(root, 'lab', 'boot.ipxe'))).toBe(at('lab'));
    expect(siteOf(join(root, 'lab', 'deeper', 'still'))).toBe(at('lab'));
    expect(siteOf(join(root, 'planted'))).toBe(at());
    expect(siteOf(join(root, 'sites', 'b', 'c', 'd'))).toBe(at('sites', 'b', 'c', 'd'));
  });
});

describe('the server, the CLI and the extension find the same sites', () => {
  it('server: its workspace lists exactly the discovered sites', () => {
    const workspace = new Workspace(new TextDocuments(TextDocument));
    workspace.folders = [root];
    expect(workspace.sites().map((s) => s.file)).toEqual(workspaceSites([root]));
    expect(workspaceSites([root])).toEqual(EXPECTED());
  });

  it('CLI: run in (or below) the folder of each discovered site, its default site file is that site', () => {
    for (const site of EXPECTED()) expect(siteFileFor({}, dirname(site))).toBe(site);
    expect(siteFileFor({}, join(root, 'lab', 'deeper', 'still'))).toBe(at('lab'));
    // Where discovery skips a site file, the CLI does not take it either: it finds the one above.
    expect(siteFileFor({}, join(root, 'planted'))).toBe(at());
  });

  it('lint: files in the folders discovery skips are not linted', async () => {
    for (const skipped of ['node_modules', '.git', 'out']) writeFileSync(join(root, skipped, 'x.ipxe'), '#!ipxe\n');
    const reports = await lintPaths([root], { cwd: root });
    const linted = reports.map((r) => r.path);
    expect(linted).toContain(join(root, 'lab', 'boot.ipxe'));
    expect(linted.filter((p) => /node_modules|\.git|\/out\//.test(p))).toEqual([]);
  });
});
