/**
 * One Butane parse per text and one translation per document and folder (issue #24): the boot chain and the
 * file's own lint share them, so an open config is not translated twice.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseButane, translationIn, translationOf } from '../../../lib/languages/butane';
import { diskContext } from '../../../lib/site/view';

describe('shared Butane work', () => {
  it('one parse per text (each caller with a list of its own), one translation per document and folder', () => {
    const path = resolve('examples/home-lab/tftp/fedora-coreos/config.bu');
    const text = readFileSync(path, 'utf8');
    const first = parseButane(text);
    const second = parseButane(text);
    expect(second.ast).toBe(first.ast);
    expect(second.problems).not.toBe(first.problems);
    const context = diskContext(path);
    const forLint = translationOf(first.ast, context);
    expect(translationIn(second.ast, context.site?.butane?.filesDir ?? dirname(path))).toBe(forLint);
    expect(forLint.ignition).toBeDefined();
    expect(translationIn(second.ast, '/elsewhere')).not.toBe(forLint);
    expect(parseButane(`${text}\n`).ast).not.toBe(first.ast);
  });
});
