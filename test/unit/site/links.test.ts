import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { diskFiles } from '../../../lib/site/disk';
import { followLink } from '../../../lib/site/links';

/** A site folder on disk: `tftp/` with the given files (text) and symlinks (`{ link }`). */
function site(entries: Record<string, string | { link: string }>): { dir: string; tftp: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pxe-links-'));
  const tftp = join(dir, 'tftp');
  mkdirSync(tftp);
  for (const [path, entry] of Object.entries(entries)) {
    const full = join(tftp, path);
    mkdirSync(join(full, '..'), { recursive: true });
    if (typeof entry === 'string') writeFileSync(full, entry);
    else symlinkSync(entry.link, full);
  }
  return { dir, tftp };
}

const verdictOf = (entries: Record<string, string | { link: string }>, link: string): string => {
  const { tftp } = site(entries);
  const files = diskFiles();
  return followLink({ link: (p) => files.link?.(p) }, tftp, join(tftp, link)).kind;
};

describe('followLink: where a symlink under a root leads, through other links', () => {
  it('refuses x -> ../../../.. plus y -> x/../../../../etc, which the lexical check let through', () => {
    // Lexically d1/d2/d3/d4/x/../../../../etc is d1/etc, inside; for real x is the root and y is four levels above it.
    const entries = { 'd1/d2/d3/d4/x': { link: '../../../..' }, 'd1/d2/d3/d4/y': { link: 'x/../../../../etc' } };
    expect(verdictOf(entries, 'd1/d2/d3/d4/x')).toBe('inside');
    expect(verdictOf(entries, 'd1/d2/d3/d4/y')).toBe('outside');
  });

  it('refuses a link to /etc, a relative link that climbs out, and one that climbs out and back in', () => {
    expect(verdictOf({ etc: { link: '/etc' } }, 'etc')).toBe('absolute');
    expect(verdictOf({ 'a/up': { link: '../../pxe-site.json' } }, 'a/up')).toBe('outside');
    // `../tftp/f` reaches the same file here, but the NAS's root has another name.
    expect(verdictOf({ f: 'x', back: { link: '../tftp/f' } }, 'back')).toBe('outside');
  });

  it('refuses a loop and a chain that ends in an absolute link', () => {
    expect(verdictOf({ a: { link: 'b' }, b: { link: 'a' } }, 'a')).toBe('loop');
    expect(verdictOf({ self: { link: 'self' } }, 'self')).toBe('loop');
    expect(verdictOf({ abs: { link: '/etc' }, rel: { link: 'abs/passwd' } }, 'rel')).toBe('absolute');
  });

  it('allows relative links that stay inside, through other links too, and dangling ones inside', () => {
    expect(verdictOf({ 'images/v1-kernel': 'k', 'images/kernel': { link: 'v1-kernel' } }, 'images/kernel')).toBe(
      'inside',
    );
    expect(verdictOf({ 'a/b/f': 'x', 'a/b/up': { link: '..' }, 'a/c': { link: 'b/up/b/f' } }, 'a/c')).toBe('inside');
    expect(verdictOf({ 'd/kernel': { link: 'v0-kernel' } }, 'd/kernel')).toBe('inside');
  });
});

describe('site.linkOutsideRoot', () => {
  const RULE = 'site.linkOutsideRoot';
  const siteText =
    '{ "version": 1, "name": "lab", "network": { "subnet": "192.168.255.0/24", "router": "192.168.255.1" }, ' +
    '"tftp": { "root": "tftp" }, "http": { "baseUrl": "http://192.168.255.2/tftp/", "root": "tftp" } }';
  const lint = (dir: string) =>
    lintText(join(dir, 'pxe-site.json'), siteText, {
      context: { path: join(dir, 'pxe-site.json'), files: diskFiles() },
    }).findings.filter((f) => f.ruleId === RULE);

  it('reports each link that leads out on the tftp.root value, naming the link and the link it goes through', () => {
    const { dir } = site({
      'd1/d2/d3/d4/x': { link: '../../../..' },
      'd1/d2/d3/d4/y': { link: 'x/../../../../etc' },
      etc: { link: '/etc' },
      'loop/a': { link: 'b' },
      'loop/b': { link: 'a' },
      kernel: { link: 'v1' },
      v1: 'k',
    });
    const findings = lint(dir);
    expect(findings.map((f) => siteText.slice(f.start, f.end))).toEqual(['"tftp"', '"tftp"', '"tftp"', '"tftp"']);
    const messages = findings.map((f) => f.message).join('\n');
    expect(messages).toContain(
      'the symlink tftp/d1/d2/d3/d4/y -> x/../../../../etc leads outside tftp.root, through the symlink tftp/d1/d2/d3/d4/x -> ../../../..',
    );
    expect(messages).toContain('the symlink tftp/etc -> /etc points at an absolute path');
    expect(messages).toContain('the symlink tftp/loop/a -> b is a loop');
    expect(messages).toContain('the symlink tftp/loop/b -> a is a loop');
    expect(messages).not.toContain('tftp/kernel');
    expect(findings.some((f) => f.message.startsWith('the symlink tftp/d1/d2/d3/d4/x'))).toBe(false);
  });

  it('is quiet for a root whose links stay inside, and escapes control characters in a link name', () => {
    expect(lint(site({ kernel: { link: 'v1' }, v1: 'k', 'sub/up': { link: '../v1' } }).dir)).toEqual([]);
    const [finding] = lint(site({ 'a\n+ fake': { link: '/etc' } }).dir);
    expect(finding?.message).toContain('the symlink tftp/a\\n+ fake -> /etc');
  });
});
