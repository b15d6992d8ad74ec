/**
 * The cheap path twins (lib/core/paths.ts) and `pathBelow` give exactly what node's `dirname` and `join`
 * give on the paths they are used with: resolved paths, plain names, any URL path under a root.
 */
import fc from 'fast-check';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childOf, parentOf } from '../../../lib/core/paths';
import { pathBelow } from '../../../lib/core/ruleContext';

/** Plain names (no separator, not `.` or `..`): what a listing or a generated config name gives. */
const name = fc.constantFrom('a', 'tftp', 'pxelinux.cfg', '01-52-54-00-12-34-56', '.hidden', 'x y', 'é', '...');
const segment = name;
/** A resolved path: the root, or `/` and segments. */
const resolved = fc.array(segment, { maxLength: 6 }).map((parts) => resolve('/', ...parts));

describe('path twins', () => {
  it('parentOf is dirname of a resolved path (the root included)', () => {
    fc.assert(
      fc.property(resolved, (path) => {
        expect(parentOf(path)).toBe(dirname(path));
      }),
      { numRuns: 2_000 },
    );
    expect(parentOf('/')).toBe('/');
    expect(parentOf('/srv')).toBe('/');
  });

  it('childOf is join of a resolved folder and a plain name', () => {
    fc.assert(
      fc.property(resolved, name, (dir, child) => {
        expect(childOf(dir, child)).toBe(join(dir, child));
      }),
      { numRuns: 2_000 },
    );
  });

  it('pathBelow is join of the root and the URL path, for any root and path it does not refuse', () => {
    const root = fc.oneof(
      resolved,
      resolved.map((p) => `${p}/`),
      fc.constantFrom('', '.', './srv', 'srv/http', '/srv/./http/', '/srv//http', '/srv/a/../http'),
    );
    const urlPath = fc
      .array(fc.constantFrom('', '.', 'a', 'b.ipxe', '%41', 'x%2fy', '%zz', '..', '%2e%2e', 'a\\b'), { maxLength: 6 })
      .map((parts) => parts.join('/'));
    fc.assert(
      fc.property(root, urlPath, (r, u) => {
        const segments = (() => {
          try {
            return decodeURIComponent(u);
          } catch {
            return u;
          }
        })().split('/');
        const refused = segments.some((s) => s === '..' || s.includes('\0') || s.includes('\\'));
        expect(pathBelow(r, u)).toBe(refused ? undefined : join(r, ...segments));
      }),
      { numRuns: 5_000 },
    );
  });
});
