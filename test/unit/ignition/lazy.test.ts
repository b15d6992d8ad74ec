/**
 * Ignition configs are read with JSON.parse and checked as plain values; the tree with offsets is built only
 * when a finding needs a place (#24). These tests hold the places to jsonc-parser's and keep the clean path
 * free of the tree.
 */
import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { locate } from '../../../lib/json/locate';
import { lintText } from '../../../lib/engine';
import { ignition } from '../../../lib/languages/ignition';
import { parseIgnition } from '../../../lib/languages/ignition/parser';

type Path = (string | number)[];

/** Every path in a value, the root's included. */
function pathsIn(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsIn(item, [...at, i])));
  else if (value !== null && typeof value === 'object')
    for (const [key, member] of Object.entries(value)) out.push(...pathsIn(member, [...at, key]));
  return out;
}

const span = (node: Node | undefined) => node && { start: node.offset, end: node.offset + node.length };

describe('locate', () => {
  it('finds the same value and member name as the tree, at every path of any JSON, however indented', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const root = parseTree(text);
        for (const path of pathsIn(JSON.parse(text))) {
          const node = path.length ? findNodeAtLocation(root!, path) : root;
          const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
          expect(locate(text, path)).toEqual({ value: span(node), ...(key ? { key: span(key) } : {}) });
        }
        expect(locate(text, ['no such member', 0])).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('stops at the value: a place near the top of a big text is found without reading the rest', () => {
    const text = `{"ignition":{"version":"3.0.0"},"rest":[${'1,'.repeat(100_000)}1`; // cut off: never closed
    expect(locate(text, ['ignition', 'version'])).toEqual({
      value: { start: 23, end: 30 },
      key: { start: 13, end: 22 },
    });
  });
});

describe('the tree is built only when a finding needs a place', () => {
  const files = (n: number, mode = 420) =>
    Array.from({ length: n }, (_, i) => ({ path: `/etc/f${i}`, mode, contents: { source: `data:,${i}` } }));
  const config = (version: string, list: unknown[]) =>
    JSON.stringify({ ignition: { version }, storage: { files: list } }, null, 2);

  const runRules = (text: string) => {
    const { ast } = parseIgnition(text);
    const problems = [...ignition.rules].flatMap((r) => r.check(ast, text, {} as never));
    return { ast, problems };
  };

  it('a clean config: every rule runs, no tree', () => {
    const { ast, problems } = runRules(config('3.4.0', files(50)));
    expect(problems).toEqual([]);
    expect(ast.hasTree).toBe(false);
  });

  it('one finding (an old spec) is placed by a scan, still no tree', () => {
    const text = config('3.2.0', files(50));
    const { ast, problems } = runRules(text);
    expect(problems.map((p) => [p.ruleId, text.slice(p.start, p.end)])).toEqual([['ignition.oldSpec', '"3.2.0"']]);
    expect(ast.hasTree).toBe(false);
  });

  it('many findings share one tree, and are placed where the tree says', () => {
    const text = config('3.4.0', files(40, 644));
    const { ast, problems } = runRules(text);
    expect(ast.hasTree).toBe(true);
    expect(problems).toHaveLength(40);
    const root = parseTree(text)!;
    problems.forEach((p, i) =>
      expect([p.start, p.end]).toEqual([
        findNodeAtLocation(root, ['storage', 'files', i, 'mode'])!.offset,
        findNodeAtLocation(root, ['storage', 'files', i, 'mode'])!.offset + 3,
      ]),
    );
  });

  it('a config that is not JSON still gets its tree and its findings', () => {
    const text = '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "etc/x", }] } }';
    expect(lintText('x.ign', text).findings.map((f) => f.ruleId)).toEqual([
      'ignition.pathNotAbsolute',
      'ignition.jsonSyntax',
    ]);
  });
});
