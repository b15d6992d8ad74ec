import type { ButaneReport, ConfigPath } from '../ast';

/** Options of one translation (the CLI's flags; the editor's site and file). */
export interface TranslateOptions {
  /**
   * The folder `local:` paths resolve against (absolute). Undefined: a `local` reference is an error, as in
   * `butane` without `--files-dir`.
   */
  filesDir?: string;
}

/** A Butane variant/version and what it becomes. */
export interface ButaneSpec {
  variant: 'fcos' | 'flatcar';
  /** As written: `1.5.0`, `1.8.0-experimental`. */
  version: string;
  /** The Ignition spec version of the output: `3.4.0`, `3.7.0-experimental`. */
  ignition: string;
  experimental: boolean;
}

/** The result of translating one Butane config. */
export interface Translation {
  /** The spec, when `variant` and `version` name one we know. */
  spec?: ButaneSpec;
  /** The Ignition config (a plain JSON value); undefined when an error stops the translation, as Butane does. */
  ignition?: Record<string, unknown>;
  /** Every report, in Butane's order: YAML decoding, Butane's checks, the translation, then the Ignition checks. */
  reports: ButaneReport[];
  /** The Butane path that produced an Ignition path (for mapping Ignition findings back), or undefined. */
  sourceOf(ignitionPath: ConfigPath): ConfigPath | undefined;
}
