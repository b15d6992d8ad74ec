/**
 * Butane in the boot chain. An Ignition URL whose `.ign` the site names as the target of a Butane source
 * (`butane.sources`) is followed to the `.bu`: deploy makes the `.ign` from it, so the findings belong on the
 * source. A URL that serves a `.bu` itself works only when the machines' Ignition reads Butane (2.27.0 and
 * later, `butane.ignitionReadsButane`), and then only a config of a spec that Ignition accepts (a stable one).
 */
import { basename } from 'node:path';
import type { Node } from 'yaml';
import { butaneFilesDir, butaneSourceOf } from '../core/ruleContext';
import {
  butane,
  parseButane,
  translationIn,
  type ButaneDocument,
  type ConfigPath,
  type Translation,
} from '../languages/butane';
import type { Env, HopBuilder } from './hops';
import type { Hop, Place } from './model';
import { CHAIN } from './rules';

/** What an Ignition URL's file is, as far as Butane goes. */
export type ButaneServed =
  /** A `.ign` the site translates from this `.bu`. */
  | { kind: 'source'; source: string }
  /** A Butane config served as it is. */
  | { kind: 'direct' };

/** The Butane side of an Ignition URL's file, or undefined for a plain Ignition config. */
export function butaneServed(b: HopBuilder, path: string): ButaneServed | undefined {
  const source = butaneSourceOf(b.site, path);
  if (source) return { kind: 'source', source };
  const name = basename(path).toLowerCase();
  if (butane.files.byName(name)) return { kind: 'direct' };
  if (!butane.files.byContent || !/\.ya?ml$/.test(name) || b.fileState(path) !== 'ok') return undefined;
  const text = b.text(path);
  return text !== undefined && butane.files.byContent(text, name, '') ? { kind: 'direct' } : undefined;
}

/**
 * Sets the hop's status for an Ignition URL that Butane stands behind (reported on `at`): the source must be
 * there (the `.ign` may not be yet: deploy writes it), and a `.bu` served as it is must be readable by the
 * machines' Ignition.
 */
export function checkButaneHop(
  b: HopBuilder,
  hop: Hop,
  served: ButaneServed,
  at: Place | undefined,
  from: Place | undefined,
): void {
  const path = hop.path ?? '';
  if (served.kind === 'source') {
    hop.source = served.source;
    b.checkFile(hop, 'ignition', served.source, at, { covered: true, ...(from ? { from } : {}) });
    if (hop.status !== 'missing' || !at) return;
    b.report(
      CHAIN.ignitionUnreachable,
      at,
      `${b.rel(path)} is translated from ${b.rel(served.source)} (butane.sources in pxe-site.json), which is not ` +
        'there: deploy has nothing to translate and the machine boots without its configuration. ' +
        'Correct the source path or add the Butane config.',
      b.relate(from, 'fetched from here'),
    );
    return;
  }
  hop.source = path;
  b.checkFile(hop, 'ignition', path, at, { covered: false, ...(from ? { from } : {}) });
  if (hop.status !== 'ok' || b.site.butane?.ignitionReadsButane) return;
  hop.status = 'missing';
  hop.message = 'a Butane config: Ignition before 2.27.0 cannot read it';
  const target = b.site.butane?.sources?.find((s) => s.source === path)?.target;
  if (at)
    b.report(
      CHAIN.butaneServed,
      at,
      `${b.rel(path)} is a Butane config: Ignition reads only its translation (before 2.27.0). ` +
        (target
          ? `Point the URL at ${b.rel(target)}, its translation (deploy writes it). `
          : 'Serve the translation: name the pair in butane.sources of pxe-site.json (deploy translates it) ' +
            'and point the URL at the .ign. ') +
        'If the machines run Ignition 2.27.0 or later, set butane.ignitionReadsButane in pxe-site.json.',
      b.relate(from, 'fetched from here'),
    );
}

/** A Butane config as the chain reads it: the parsed document (for spans) and its translation. */
interface Read {
  doc: ButaneDocument;
  translation: Translation;
}

/** Where in the Butane text a Butane path is: the value's span, else the nearest node that exists. */
function spanOf(read: Read, path: ConfigPath): { start: number; end: number } | undefined {
  const yaml = read.doc.yaml;
  if (!yaml) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = yaml.getIn(path.slice(0, n), true) as Node | undefined;
    if (node?.range) return { start: node.range[0], end: node.range[1] };
  }
  return undefined;
}

/**
 * Follows a Butane config like an Ignition config: its errors make the hop a warning, and the http(s)
 * `merge`/`replace` sources of its translation are hops named at their line in the `.bu`.
 */
export function followButane(b: HopBuilder, env: Env, hop: Hop, source: string): void {
  const read = b.parse(source, (text): Read => {
    const doc = parseButane(text).ast;
    const filesDir = butaneFilesDir(b.site, source);
    // The same parse and translation as the file's own lint when it is open (one per text and folder).
    return { doc, translation: translationIn(doc, filesDir) };
  });
  if (!read) return;
  const { translation } = read;
  const errors = translation.reports.filter((r) => r.level === 'error').length;
  if (errors) {
    hop.status = 'warning';
    hop.message = `${errors} error${errors === 1 ? '' : 's'} in ${b.rel(source)}: it does not translate (see the file)`;
    return;
  }
  const spec = translation.spec;
  if (hop.path === source && spec?.experimental) {
    // Served as it is: Ignition reads it with the specs it accepts, and a release accepts no experimental one.
    hop.status = 'missing';
    hop.message = `${spec.variant} ${spec.version} is experimental: a release of Ignition refuses it`;
    if (hop.at)
      b.report(
        CHAIN.butaneServed,
        hop.at,
        `${b.rel(source)} is ${spec.variant} ${spec.version}, which becomes the experimental Ignition spec ` +
          `${spec.ignition}: a release of Ignition refuses it, so the machine boots without its configuration. ` +
          'Use a stable version of the variant.',
      );
    return;
  }
  for (const { url, path } of ignitionSources(translation.ignition)) {
    const span = spanOf(read, translation.sourceOf(path) ?? path);
    const at = span ? { file: source, ...span } : undefined;
    hop.children.push(b.urlHop(env, 'ignition', url, at, hop.at, { covered: false }));
  }
}

/** The http(s) merge and replace sources of an Ignition config, with their paths. */
function ignitionSources(ignition: Record<string, unknown> | undefined): { url: string; path: ConfigPath }[] {
  const config = (ignition?.ignition as { config?: Record<string, unknown> } | undefined)?.config;
  const out: { url: string; path: ConfigPath }[] = [];
  const merge = Array.isArray(config?.merge) ? (config.merge as { source?: unknown }[]) : [];
  merge.forEach((m, i) => {
    if (typeof m?.source === 'string') out.push({ url: m.source, path: ['ignition', 'config', 'merge', i, 'source'] });
  });
  const replace = (config?.replace as { source?: unknown } | undefined)?.source;
  if (typeof replace === 'string') out.push({ url: replace, path: ['ignition', 'config', 'replace', 'source'] });
  return out.filter((s) => /^https?:\/\//.test(s.url));
}
