/**
 * Butane → Ignition in-process, in Butane's order: read `variant`/`version`, decode the YAML with go-yaml's
 * rules (type errors stop), warn about unused keys, run Butane's checks (errors stop), translate the base
 * and the variant's sugar (errors stop), apply the variant's filters, then check the Ignition config that
 * came out and map its findings back to the YAML.
 */
import { earliestError } from '../parser';
import { butaneFilesDir, type RuleContext } from '../../../core/ruleContext';
import type { ButaneDocument, ButaneReport, ConfigPath } from '../ast';
import { decodeConfig, decodeHeader } from '../decode';
import { BUTANE } from '../ruleIds';
import { schemaRoot } from '../catalog';
import { spanAt } from '../spans';
import { canonicalVersion, specOf } from '../versions';
import { translateBase } from './base';
import { TranslationSet, type DecodedObject, type JsonObject, type Level, type TranslateContext } from './context';
import { filterVariant, translateSugar, validateSugar } from './fcos';
import { checkIgnition } from './ignitionChecks';
import { readLocal } from './local';
import { finishIgnition } from './output';
import type { ButaneSpec, TranslateOptions, Translation } from './types';
import { validateBase } from './validate';

/** Butane's Snake: `sizeMiB` → `size_mib`, `httpHeaders` → `http_headers`. */
export function snake(key: string): string {
  return key.replace(/(MiB|[A-Z])/g, '_$1').toLowerCase();
}

/** The Butane path of an Ignition path: its translation, else Butane's fallback (each key snake_cased). */
export function sourceIn(ts: TranslationSet, path: ConfigPath): ConfigPath {
  const exact = ts.get(path);
  if (exact) return exact;
  // A file, directory or link written without a path gets Go's "" in the output, which nothing maps: its
  // entry does (it may have moved in a merge, e.g. behind grub's user.cfg), so the finding goes there.
  const [section, kind, index, field] = path;
  if (path.length === 4 && section === 'storage' && typeof index === 'number' && field === 'path') {
    const entry = ts.get(['storage', kind as string, index]);
    if (entry) return [...entry, 'path'];
  }
  return path.map((p) => (typeof p === 'string' ? snake(p) : p));
}

interface Pending {
  rule: string;
  level: Level;
  path: ConfigPath;
  message: string;
}

/** The context of one translation, with its report helpers bound. */
function makeContext(doc: ButaneDocument, spec: ButaneSpec, options: TranslateOptions, source: DecodedObject) {
  const reports: ButaneReport[] = [];
  const pending: Pending[] = [];
  const translations = new TranslationSet();
  const report = (rule: string, level: Level, path: ConfigPath, message: string, key?: boolean): void => {
    reports.push({ level, rule, path: [...path], ...spanAt(doc.yaml, path, key), message });
  };
  const ctx: TranslateContext = {
    spec,
    options,
    source,
    spanOf: (path, key) => spanAt(doc.yaml, path, key),
    ignition: { ignition: { version: spec.ignition } },
    translations,
    reports,
    report,
    reportIgnition: (rule, level, path, message) => {
      pending.push({ rule, level, path: [...path], message });
    },
    readLocal: (path, relative) => readLocal(ctx, path, relative),
    failed: () => reports.some((r) => r.level === 'error') || pending.some((r) => r.level === 'error'),
  };
  /** Maps the reports made at Ignition paths through the translation set as it stands. */
  const flush = (): void => {
    for (const p of pending.splice(0)) report(p.rule, p.level, sourceIn(translations, p.path), p.message);
  };
  return { ctx, flush };
}

/** Variants of the butane CLI that are not translated here (OpenShift, RHEL for Edge, Fedora IoT). */
const OTHER_VARIANTS = new Set(['openshift', 'r4e', 'fiot']);

/** Reads `variant` and `version` as Butane does; the spec, or the reports that stop the translation. */
function specFor(doc: ButaneDocument, reports: ButaneReport[]): ButaneSpec | undefined {
  const at = (path: ConfigPath, message: string): void => {
    reports.push({ level: 'error', rule: BUTANE.version, path, ...spanAt(doc.yaml, path), message });
  };
  const header = decodeHeader(doc);
  reports.push(...header.reports);
  if (header.reports.length > 0) return undefined;
  if (!header.variant) {
    at(['variant'], 'error parsing variant; must be specified. Add `variant: fcos` (or flatcar) at the top.');
    return undefined;
  }
  const version = canonicalVersion(header.version ?? '');
  if (version === undefined) {
    at(['version'], 'error parsing version; must be a valid semver, such as 1.6.0.');
    return undefined;
  }
  const spec = specOf(header.variant, version);
  if (!spec && OTHER_VARIANTS.has(header.variant)) {
    reports.push({
      level: 'error',
      rule: BUTANE.otherVariant,
      path: ['variant'],
      ...spanAt(doc.yaml, ['variant']),
      message:
        `Variant ${header.variant} is one the butane CLI translates but PXE Workbench does not (it translates fcos and ` +
        'flatcar): nothing here checks this config. Translate it with `butane --strict`.',
    });
  } else if (!spec) {
    const path = specOf(header.variant, '1.0.0') ? ['version'] : ['variant'];
    at(path, `No translator exists for variant ${header.variant} with version ${version}.`);
  }
  return spec;
}

function syntaxReports(doc: ButaneDocument): ButaneReport[] {
  if (doc.refused) return [{ level: 'error', rule: BUTANE.yamlSyntax, path: [], ...doc.refused }];
  return earliestError(doc.yaml?.errors).map((e) => ({
    level: 'error' as const,
    rule: BUTANE.yamlSyntax,
    path: [],
    start: e.pos[0],
    end: Math.max(e.pos[0], e.pos[1]),
    message: `YAML syntax: ${e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`,
  }));
}

/** Translates a parsed Butane config (see the file comment). */
export function translateButane(doc: ButaneDocument, options: TranslateOptions = {}): Translation {
  const reports: ButaneReport[] = syntaxReports(doc);
  let translations = new TranslationSet();
  const done = (spec?: ButaneSpec, ignition?: JsonObject): Translation => ({
    spec,
    ignition: ignition as Record<string, unknown> | undefined,
    reports,
    sourceOf: (path) => sourceIn(translations, path),
  });
  if (reports.length > 0) return done();
  const spec = specFor(doc, reports);
  if (!spec) return done();
  const decoded = decodeConfig(doc, spec, schemaRoot());
  reports.push(...decoded.reports);
  if (decoded.reports.some((r) => r.level === 'error')) return done(spec);
  const { ctx, flush } = makeContext(doc, spec, options, decoded.value);
  translations = ctx.translations;
  const steps: ((c: TranslateContext) => void)[] = [
    (c) => (validateBase(c), validateSugar(c)),
    (c) => (translateBase(c), translateSugar(c)),
    filterVariant,
  ];
  for (const step of steps) {
    step(ctx);
    flush();
    if (ctx.failed()) return (reports.push(...ctx.reports), done(spec));
  }
  const ignition = finishIgnition(ctx.ignition, spec.ignition);
  checkIgnition(ctx, ignition);
  flush();
  reports.push(...ctx.reports);
  return done(spec, ctx.failed() ? undefined : ignition);
}

const cache = new WeakMap<ButaneDocument, Map<string, Translation>>();

/**
 * The files dir a rule's context gives: the site's `butane.filesDir`, else the file's folder — the chain's
 * `butaneFilesDir`, so the chain and the file's lint share one translation (`translationIn`).
 */
export function filesDirOf(context: RuleContext): string | undefined {
  return context.path ? butaneFilesDir(context.site, context.path) : context.site?.butane?.filesDir;
}

/** The translation of a parsed document for a rule context, computed once per document and files dir. */
export function translationOf(doc: ButaneDocument, context: RuleContext): Translation {
  return translationIn(doc, filesDirOf(context));
}

/** The translation of a parsed document with `filesDir` for local files, once per document and folder. */
export function translationIn(doc: ButaneDocument, filesDir: string | undefined): Translation {
  const key = filesDir ?? '';
  const byDir = cache.get(doc) ?? new Map<string, Translation>();
  cache.set(doc, byDir);
  const cached = byDir.get(key);
  if (cached) return cached;
  const result = translateButane(doc, { filesDir });
  byDir.set(key, result);
  return result;
}
