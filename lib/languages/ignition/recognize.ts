import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { FileRecognizer } from '../../core/language';
import { jsonDepthExceeded } from '../../core/untrusted';

/**
 * True when a JSON text's top-level object has `ignition.version` (a cheap test first, then a real parse).
 * Text nested past the cap is not parsed (the parser recurses): it is not taken as Ignition by content.
 */
export function looksLikeIgnition(text: string): boolean {
  if (!/"ignition(?:"\s*:\s*\{|Version"\s*:)/.test(text) || jsonDepthExceeded(text) >= 0) return false;
  const root = parseTree(text, [], { allowTrailingComma: true });
  // Spec 1 configs (Ignition 0.x, 2015–2016) say `"ignitionVersion": 1` at the top level instead.
  return (
    root !== undefined &&
    (findNodeAtLocation(root, ['ignition', 'version']) !== undefined ||
      findNodeAtLocation(root, ['ignitionVersion'])?.value === 1)
  );
}

/** `*.ign`, or a `.json` file whose top level says which Ignition spec it is. */
export const ignitionFiles: FileRecognizer = {
  byName: (name) => name.endsWith('.ign'),
  byContent: (text, name) => name.endsWith('.json') && looksLikeIgnition(text),
  readsByName: (name) => name.endsWith('.json'),
};
