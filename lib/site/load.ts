/**
 * Reading pxe-site.json before any command uses it: a regular file of at most 1 MiB, JSON nested at most
 * `MAX_JSON_DEPTH` deep, and values of the types the schema gives. Coercion rules: none — a number written
 * as a string (`"port": "22"`) is refused like any other wrong type; unknown properties, a missing
 * required property or a value in the wrong form (a MAC, a pattern) are left to the site file's own
 * diagnostics (rule site.schema) and to the command that needs the value.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { buildTimeValidator, newAjv, SITE_VALIDATOR_KEY } from '../json/ajv';
import { printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import schema from '../../schemas/pxe-site.schema.json';
import { dotted } from '../json/schemaErrors';
import { escapeControl, readCapped, UntrustedInputError } from '../core/untrusted';
import { parseTreeCapped } from '../json/parse';
import type { Site } from './model';

export const MAX_SITE_BYTES = 1024 * 1024;

/** Schema keywords whose failure means a value of the wrong type or range: the loader refuses those. */
const REFUSED = new Set([
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
]);

let compiled: ValidateFunction | undefined;
/** The site schema's validator: compiled at build time, or once now (also used by the site file's diagnostics). */
export function siteValidator(): ValidateFunction {
  compiled ??=
    buildTimeValidator(SITE_VALIDATOR_KEY) ?? newAjv({ allErrors: true, strict: false, verbose: true }).compile(schema);
  return compiled;
}

/** Thrown when pxe-site.json cannot be used: the message names the file, the field and the fix. */
export class SiteFileError extends UntrustedInputError {
  override readonly name = 'SiteFileError';
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return escapeControl(text.length > 40 ? `${text.slice(0, 37)}…` : text);
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'an object',
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
};

function problemOf(error: ErrorObject): string {
  const where = error.instancePath ? `\`${escapeControl(dotted(error.instancePath))}\`` : 'the top level';
  const is = `(it is ${shown(error.data)})`;
  switch (error.keyword) {
    case 'type':
      return `${where} must be ${TYPE_NAMES[String(error.params.type)] ?? `of type ${String(error.params.type)}`} ${is}`;
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} ${is}`;
    case 'const':
      return `${where} must be ${JSON.stringify(error.params.allowedValue)} ${is}`;
    default:
      return `${where} ${error.message ?? 'is invalid'} ${is}`;
  }
}

/** The type errors of a parsed site file, one sentence each (empty when it can be used). */
export function siteTypeErrors(json: unknown): string[] {
  const validate = siteValidator();
  if (validate(json)) return [];
  const errors = (validate.errors ?? []).filter((e) => REFUSED.has(e.keyword));
  // A oneOf/anyOf reports every branch; the first error per place says it best.
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.instancePath) && seen.add(e.instancePath)).map(problemOf);
}

/**
 * A jsonc-parser tree as plain data. Not `getNodeValue`: it assigns `obj[key]`, so a key `__proto__` would set
 * the object's prototype and smuggle in values the schema never saw. Here every key is an own property.
 * Recursion is bounded: the text passed the depth cap.
 */
function plain(node: Node): unknown {
  if (node.type === 'array') return (node.children ?? []).map(plain);
  if (node.type !== 'object') return node.value as unknown;
  const object: Record<string, unknown> = {};
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value)
      Object.defineProperty(object, String(key.value), {
        value: plain(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return object;
}

/**
 * Parses and type-checks the text of a site file (`file` names it in messages). Comments and trailing commas
 * are tolerated here (the site file's own diagnostics flag them). Throws `SiteFileError` with what to do.
 */
export function parseSiteText(text: string, file: string): Site {
  const errors: ParseError[] = [];
  const tree = parseTreeCapped(text, errors, { allowTrailingComma: true });
  if (!tree.ok) throw new SiteFileError(`${file}: ${tree.message}`);
  const json = tree.root && !errors.length ? plain(tree.root) : undefined;
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    const first = errors[0];
    const why = first
      ? `${printParseErrorCode(first.error)} at offset ${first.offset}`
      : 'the top level is not an object';
    throw new SiteFileError(`${file}: not valid JSON (${why}). Open it in the editor to see the spot and fix it.`);
  }
  const problems = siteTypeErrors(json);
  if (problems.length) {
    const list = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
    throw new SiteFileError(
      `${file}: ${list}. Fix the value in the site file (the editor marks it and completes the allowed values).`,
    );
  }
  // The schema's types hold for every value present (checked just above): this is the one place that says so.
  return json as Site;
}

/**
 * Reads, parses and type-checks a site file: the one way any command reads pxe-site.json. Throws
 * `SiteFileError` with what to do; the value returned has the types the schema gives wherever a value is present.
 */
export function loadSite(file: string): Site {
  const read = readCapped(file, MAX_SITE_BYTES);
  if (!read.ok) throw new SiteFileError(read.message, read.reason);
  return parseSiteText(read.bytes.toString('utf8'), file);
}
