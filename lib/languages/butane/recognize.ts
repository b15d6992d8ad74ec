import type { FileRecognizer } from '../../core/language';

/** A top-level `variant:` and `version:` key (block style, at column 0), each within the first lines. */
const VARIANT = /^variant\s*:/m;
const VERSION = /^version\s*:/m;
const YAML_NAME = /\.ya?ml$/;

/**
 * True when a YAML text reads as a Butane config: `variant` and `version` at its top level. Only the head is
 * looked at (a config names both near the top); a Kubernetes or Compose file has neither.
 */
export function looksLikeButane(text: string): boolean {
  const head = text.slice(0, 4096);
  return VARIANT.test(head) && VERSION.test(head);
}

/** `*.bu` (`.butane`, `.fcc`), or a `.yaml`/`.yml` file whose top level names a Butane `variant` and `version`. */
export const butaneFiles: FileRecognizer = {
  // `.butane` and `.fcc` (the name of FCCT, Butane's predecessor) are seen in the field too.
  byName: (name) => /\.(bu|butane|fcc)$/.test(name),
  byContent: (text, name) => YAML_NAME.test(name) && looksLikeButane(text),
  readsByName: (name) => YAML_NAME.test(name),
};
