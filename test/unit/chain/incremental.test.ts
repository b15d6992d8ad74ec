/**
 * The incremental chain (#24): after an edit, a rebuild follows again only the machines whose hops read the
 * edited file and keeps the others. Whatever is edited, the result must be the chain built from scratch.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChain, chainData, ChainCache, loadSecureBoot, readDisk, type Chain } from '../../../lib/chain';
import { diskFiles, readSite } from '../../../lib/site';
import type { SiteView } from '../../../lib/core';

let dir: string;
beforeAll(async () => {
  await loadSecureBoot();
  dir = mkdtempSync(join(tmpdir(), 'pxe-incremental-'));
  cpSync(join(__dirname, '../../../examples'), dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a chain says: its machines' hops, its findings per file, its notes. */
const said = (chain: Chain) => ({
  data: chainData(chain, (p) => p),
  problems: [...chain.problems].sort(([a], [b]) => a.localeCompare(b)),
  notes: [...chain.notes].sort(),
});

/** Ways an edit changes a file: a line dropped, a line added, everything gone, back as it was. */
const EDITS: ((text: string) => string)[] = [
  (t) =>
    t
      .split('\n')
      .filter((_, i) => i !== 1)
      .join('\n'),
  (t) => `${t}\nkernel http://192.168.255.2/tftp/elsewhere\n`,
  (t) => t.replace(/\d/g, '7'),
  () => '',
  (t) => t,
];

describe.each(['cluster', 'home-lab', 'broken/chain'])(
  'examples/%s: every edit to every file the chain reads',
  (example) => {
    it('gives the chain built from scratch, and re-follows only the machines that read the file', () => {
      const site = readSite(join(dir, example, 'pxe-site.json')) as SiteView;
      const edited = new Map<string, string>();
      const read = (path: string) => edited.get(path) ?? readDisk(path);
      const cache = new ChainCache(() => diskFiles(), read);
      const first = cache.chainOf(site);
      const files = [...first.texts.keys()];
      expect(files.length).toBeGreaterThan(4);
      let kept = 0;
      for (const file of files) {
        const original = readDisk(file) ?? '';
        for (const change of EDITS) {
          const before = cache.chainOf(site);
          edited.set(file, change(original));
          // As the server reports an edit: with the text now (the last edit, back as it was, is a change too).
          cache.changed(file, change(original));
          const incremental = cache.chainOf(site);
          expect(said(incremental), `${file} edited`).toEqual(said(buildChain({ site, files: diskFiles(), read })));
          kept += incremental.clients.filter((c) => before.clients.includes(c)).length;
        }
        edited.delete(file);
        cache.changed(file);
      }
      // Machines that did not read the edited file were kept as they were, not followed again (in the home lab
      // both machines read every file).
      if (example === 'cluster') expect(kept).toBeGreaterThan(files.length);
      // An edit that changes no finding leaves only the edited file to re-check.
      cache.chainOf(site);
      cache.takeChangedFiles(site);
      cache.changed(files[0] as string);
      cache.chainOf(site);
      expect(cache.takeChangedFiles(site)).toEqual(new Set([files[0]]));
      expect(cache.takeChangedFiles(site)).toBeUndefined();
    });
  },
);

describe('a file opened in the editor with the text the chain read', () => {
  it('is no change: the chain is kept; another text is one', () => {
    const site = readSite(join(dir, 'home-lab', 'pxe-site.json')) as SiteView;
    const edited = new Map<string, string>();
    const cache = new ChainCache(
      () => diskFiles(),
      (path) => edited.get(path) ?? readDisk(path),
    );
    const chain = cache.chainOf(site);
    for (const [file, text] of chain.texts) {
      expect(cache.changed(file, text), file).toBe(false);
      expect(cache.chainOf(site)).toBe(chain);
    }
    const [file, text] = [...chain.texts][0] as [string, string];
    edited.set(file, `${text}\n# edited\n`);
    expect(cache.changed(file, `${text}\n# edited\n`)).toBe(true);
    expect(cache.chainOf(site)).not.toBe(chain);
    // Without the text (a change on disk, a client that does not say), it is always a change.
    const rebuilt = cache.chainOf(site);
    expect(cache.changed(file)).toBe(true);
    expect(cache.chainOf(site)).not.toBe(rebuilt);
  });
});

describe('an edit after the disk changed', () => {
  it('builds from scratch: machines are never kept from a chain the disk change made stale', () => {
    const site = readSite(join(dir, 'cluster', 'pxe-site.json')) as SiteView;
    const edited = new Map<string, string>();
    const read = (path: string) => edited.get(path) ?? readDisk(path);
    const cache = new ChainCache(() => diskFiles(), read);
    const files = [...cache.chainOf(site).texts.keys()].filter((f) => f !== site.file && f !== site.routerConfig);
    const [other] = files;
    for (const file of files.slice(1)) {
      const original = readFileSync(file, 'utf8');
      try {
        cache.chainOf(site);
        // Changed on disk (the server hears of it and invalidates), then another file is edited.
        writeFileSync(file, original.replace(/\d/g, '7'));
        cache.invalidate();
        edited.set(other as string, read(other as string) ?? '');
        cache.changed(other as string);
        expect(said(cache.chainOf(site)), `${file} changed on disk`).toEqual(
          said(buildChain({ site, files: diskFiles(), read })),
        );
      } finally {
        writeFileSync(file, original);
        cache.invalidate();
      }
    }
  });
});
