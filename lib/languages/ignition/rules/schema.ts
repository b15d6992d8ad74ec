import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { buildTimeValidator, newAjv } from '../../../json/ajv';
import { report } from '../../../core/rule';
import { placeErrors, withoutNullMembers } from '../../../json/schemaErrors';
import { versionOf } from '../document';
import { schemaFor } from '../catalog';
import { validatorKey } from '../validatorKey';
import { ignitionRule } from './shared';

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** The validator for a spec version: compiled at build time (standalone), or now if the build made none. */
function validatorFor(version: string): ValidateFunction {
  let validate = validators.get(version) ?? buildTimeValidator(validatorKey(version));
  if (!validate) {
    ajv ??= newAjv({ allErrors: true, strict: false, verbose: true });
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

export const schema = ignitionRule({
  id: 'ignition.schema',
  language: 'ignition',
  severity: 'error',
  summary:
    "A value of the wrong JSON type, or a required field that is missing, for the config's spec version: Ignition " +
    'rejects the config. `null` counts as absent, as Ignition reads it.',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd", "mode": "0644" }] } }',
  fix: 'Give the field the type the message names (hover a field for its docs).',
  levelWhy: 'Ignition refuses the config ("json: cannot unmarshal …", "… is required"): the first boot fails.',
  check(config) {
    const version = versionOf(config);
    if (!version) return [];
    // Ignition (Go's encoding/json) reads a null member as absent: `"contents": null` is no contents.
    const value = withoutNullMembers(config.value);
    return placeErrors(() => config.root, validatorFor(version), value).map((p) =>
      report(this, { start: p.start, end: p.end }, message(p.error, p.where, p.error.data, version)),
    );
  },
});
