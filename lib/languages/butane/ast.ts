import type { Document, LineCounter } from 'yaml';

/** A path into a Butane (YAML) or Ignition (JSON) config: keys and array indexes, as Butane reports them (`$.a.0.b`). */
export type ConfigPath = readonly (string | number)[];

/** A Butane config as parsed: the YAML document with its positions, and the variant and version it names. */
export interface ButaneDocument {
  /** The YAML document (undefined when the text holds no document, or more than one: Butane reads one). */
  yaml: Document.Parsed | undefined;
  lineCounter: LineCounter;
  /** `variant` and `version` at the top level as written (strings), when present. */
  variant?: string;
  version?: string;
  /** Set when the parser refused the text before reading it (too large, nested too deep): why, and where. */
  refused?: { start: number; end: number; message: string };
}

/** What Butane says about a config: an error fails the translation, a warning fails it under `--strict`. */
export interface ButaneReport {
  level: 'error' | 'warning';
  /** The rule it is reported under (a `butane.*` id, or an `ignition.*` id for a check of the translated config). */
  rule: string;
  /** Where in the Butane config (Butane's own path, `$.storage.files.0.path` → ['storage','files',0,'path']). */
  path: ConfigPath;
  /** Offsets into the Butane text (the key or value at `path`, or the nearest node that exists). */
  start: number;
  end: number;
  message: string;
}
