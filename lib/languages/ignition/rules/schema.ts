import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { placeErrors, withoutNullMembers } from '../../../json/schemaErrors';
import { getNodeValue } from 'jsonc-parser';
import type { IgnitionConfig } from '../ast';
import { versionOf, visitProperties } from '../document';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fieldsFor, firstVersionWith, schemaFor } from '../spec';
import { validatorKey } from '../validatorKey';
import { FIRST_IGNITION } from '../versions';

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();
let compiled: Record<string, ValidateFunction | undefined> | undefined;

/** The validators `npm run build` compiled (out/ignition-validators.js beside the bundled server), if present. */
function buildTimeValidators(): Record<string, ValidateFunction | undefined> {
  if (compiled) return compiled;
  compiled = {};
  const path = typeof __dirname === 'string' ? join(__dirname, 'ignition-validators.js') : undefined;
  // Running from the TypeScript sources (tests) there is no such file: compile at run time instead.
  if (path && existsSync(path)) compiled = createRequire(path)(path) as Record<string, ValidateFunction | undefined>;
  return compiled;
}

/** The validator for a spec version: compiled at build time (standalone), or now if the build made none. */
export function validatorFor(version: string): ValidateFunction {
  let validate = validators.get(version) ?? buildTimeValidators()[validatorKey(version)];
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: false, verbose: true });
    validate = ajv.compile(schemaFor(version));
  }
  validators.set(version, validate);
  return validate;
}

const JSON_TYPE = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;

function message(error: ErrorObject, where: string, data: unknown, version: string): string {
  const at = where ? `\`${where}\`` : 'The config';
  if (error.keyword === 'required')
    return `${at} needs \`${String(error.params.missingProperty)}\` in spec ${version} (a null value counts as absent).`;
  if (error.keyword === 'type') {
    const wanted = String(error.params.type)
      .replace(',null', '')
      .replace('integer', 'a whole number')
      .replace(/^(object|array)$/, 'an $1')
      .replace(/^(string|boolean)$/, 'a $1');
    return `${at} must be ${wanted}, not ${JSON_TYPE(data)}.`;
  }
  return `${at} ${error.message ?? 'is invalid'}.`;
}

export const schemaRule: Rule<IgnitionConfig> = {
  id: 'ignition.schema',
  language: 'ignition',
  severity: 'error',
  summary:
    "A value of the wrong JSON type, or a required field that is missing, for the config's spec version: Ignition rejects the config. `null` counts as absent, as Ignition reads it.",
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd", "mode": "0644" }] } }',
  fix: 'Give the field the type the message names (hover a field for its docs).',
  levelWhy: 'Ignition refuses the config ("json: cannot unmarshal …", "… is required"): the first boot fails.',
  check(config) {
    const version = versionOf(config);
    if (!version || !config.root || config.root.type !== 'object') return [];
    // Ignition (Go's encoding/json) reads a null member as absent: `"contents": null` is no contents.
    const value = withoutNullMembers(getNodeValue(config.root));
    return placeErrors(config.root, validatorFor(version), value).map((p) => ({
      ruleId: this.id,
      start: p.start,
      end: p.end,
      message: message(p.error, p.where, p.error.data, version),
    }));
  },
};

export const unknownKey: Rule<IgnitionConfig> = {
  id: 'ignition.unknownKey',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A key the config\'s spec version does not have: Ignition ignores it ("Unused key"), so whatever it meant does not happen.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "passwd": { "users": [{ "name": "core", "sshAuthorisedKeys": [] }] } }',
  fix: 'Correct the spelling (the message suggests the closest key), or raise ignition.version when the key is newer.',
  levelWhy:
    'Ignition boots with the config but ignores the key ("Unused key"): very likely a misspelt or misplaced field whose effect silently does not happen.',
  check(config) {
    const version = versionOf(config);
    if (!version) return [];
    const problems: Problem[] = [];
    const known = new Set(fieldsFor(version).map((f) => f.path));
    visitProperties(config.root, ({ key, specPath }) => {
      if (!key || known.has(specPath)) return;
      const parent = specPath.slice(0, Math.max(0, specPath.lastIndexOf('.')));
      if (parent && !known.has(parent)) return; // reported on the parent already
      const name = String(key.value);
      const newer = firstVersionWith(specPath);
      const siblings = fieldsFor(version).filter(
        (f) =>
          f.path.startsWith(parent ? `${parent}.` : '') &&
          !f.path.slice(parent ? parent.length + 1 : 0).includes('.') &&
          !f.path.endsWith('[]'),
      );
      const suggestion = newer
        ? undefined
        : didYouMean(
            name,
            siblings.map((f) => f.path.slice(parent ? parent.length + 1 : 0)),
          );
      const range = { start: key.offset, end: key.offset + key.length };
      problems.push({
        ruleId: this.id,
        ...range,
        message: newer
          ? `\`${name}\` exists from spec ${newer} on (Ignition ${FIRST_IGNITION[newer] ?? newer} and later read it); with version ${version} Ignition ignores it. Raise ignition.version to ${newer} or newer.`
          : `Unused key \`${name}\`: spec ${version} has no such field, so Ignition ignores it${suggestion ? `. Did you mean \`${suggestion}\`?` : '.'}`,
        ...(suggestion
          ? {
              fixes: [
                {
                  title: `Change to "${suggestion}"`,
                  edits: [{ ...range, newText: JSON.stringify(suggestion) }],
                  preferred: true,
                },
              ],
            }
          : {}),
      });
    });
    return problems;
  },
};
