/**
 * The editor features never throw on real configs nor on text cut short anywhere: completion, hover and
 * actions at many offsets of every real-world Butane config, outline and folding of each, and the same on
 * every prefix of one config (what the editor sees while a config is typed).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionsButane } from '../../../lib/languages/butane/actions';
import { completeButane } from '../../../lib/languages/butane/complete';
import { hoverButane } from '../../../lib/languages/butane/hover';
import { foldingButane, symbolsButane } from '../../../lib/languages/butane/symbols';
import { butaneDoc } from './editorDoc';

const CORPUS = 'test/corpus/realworld/butane';

function configs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return configs(path);
    return /\.(bu|ya?ml|butane|fcc)$/.test(name) ? [path] : [];
  });
}

function exercise(text: string, step: number): number {
  const doc = butaneDoc(text);
  symbolsButane(doc, text);
  foldingButane(doc, text);
  let answered = 0;
  for (let offset = 0; offset <= text.length; offset += step) {
    answered += completeButane(doc, text, offset).length;
    if (hoverButane(doc, text, offset)) answered++;
    answered += actionsButane(doc, text, offset).length;
  }
  return answered;
}

describe('Butane editor features on real and half-typed configs', () => {
  const files = configs(CORPUS);

  it('answer without throwing at offsets of every real-world config', () => {
    expect(files.length).toBeGreaterThan(25);
    let answered = 0;
    for (const file of files) answered += exercise(readFileSync(file, 'utf8'), 37);
    expect(answered).toBeGreaterThan(300);
  }, 60_000);

  it('answer without throwing on every prefix of a config being typed', () => {
    const text = readFileSync(files.find((f) => f.endsWith('.bu')) as string, 'utf8').slice(0, 1500);
    for (let end = 0; end <= text.length; end += 23) exercise(text.slice(0, end), 11);
  }, 60_000);
});
