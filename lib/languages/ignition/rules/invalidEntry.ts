import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import type { Span } from '../ast';
import { objectOf, versionOf, visitsWhere, type PropertyVisit } from '../document';
import { compareVersions } from '../catalog';
import { ignitionRule } from './shared';

/** The member's value, with `null` read as absent (as Ignition reads it). */
function member(entry: unknown, ...names: string[]): unknown {
  let value = entry;
  for (const name of names) {
    const object = objectOf(value);
    value = object && Object.hasOwn(object, name) ? object[name] : undefined;
  }
  return value === null ? undefined : value;
}

/** A field Ignition's validation requires from `since` on, where the schema (nullable there) does not. */
const REQUIRED: { entry: string; field: string; since: string; says: string; emptyIsAValue?: boolean }[] = [
  { entry: 'ignition.config.merge[]', field: 'source', since: '3.1.0', says: 'source is required' },
  {
    entry: 'ignition.security.tls.certificateAuthorities[]',
    field: 'source',
    since: '3.1.0',
    says: 'source is required',
  },
  // An empty level ("") is a value: ignition.invalidValue says it is not one Ignition knows.
  { entry: 'storage.raid[]', field: 'level', since: '3.3.0', says: 'raid level is required', emptyIsAValue: true },
  { entry: 'storage.luks[]', field: 'device', since: '3.2.0', says: 'disk device is required' },
  { entry: 'storage.links[]', field: 'target', since: '3.3.0', says: 'link target is required' },
];

/** Fields that make a filesystem entry need a `format`. */
const NEEDS_FORMAT = ['path', 'label', 'uuid', 'options', 'mountOptions'];

const present = (value: unknown): boolean => value !== undefined && value !== '';

/** Checks Ignition's validation makes beyond types: fields that depend on each other inside one entry. */
export const invalidEntry = ignitionRule({
  id: 'ignition.invalidEntry',
  language: 'ignition',
  severity: 'error',
  summary:
    'An entry Ignition refuses though every field has its type: `"overwrite": true` without `contents.source`, a link ' +
    'without `target`, a merged config or CA without `source`, a RAID without `level`, a LUKS volume ' +
    'without `device`, a partition with neither number nor label, a filesystem with a label or path ' +
    'but no `format`.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd", "overwrite": true, "append": [{ ' +
    '"source": "data:,hi" }] }] } }',
  fix: 'Add the field the message names (or drop the one that needs it).',
  levelWhy:
    'Ignition refuses the config ("overwrite must be false if source is unspecified", "… is required", "format cannot be ' +
    'empty …"): the first boot fails.',
  check(config) {
    const version = versionOf(config);
    if (!version) return [];
    const problems: Problem[] = [];
    const add: Add = (where, message) => void problems.push(report(this, where, message));
    const entries = new Set([...REQUIRED.map((r) => r.entry), ...DEPENDENT]);
    // One Place for every entry, reading the entry being checked: a config of thousands of files would
    // otherwise make an object and three closures per file for the few findings there are.
    let v: PropertyVisit | undefined;
    const at: Place = {
      value: (name) => config.rangeAt([...(v?.path ?? []), name]),
      key: (name) => config.keyRangeAt([...(v?.path ?? []), name]),
      brace: () => config.braceAt(v?.path ?? []),
    };
    for (v of visitsWhere(config, (p) => entries.has(p))) {
      const { specPath, value } = v;
      if (!objectOf(value)) continue;
      checkRequired(value, specPath, version, at, add);
      checkDependent(value, specPath, at, add);
    }
    return problems;
  },
});

/** Where a finding goes, and what it says. */
type Add = (where: Span, message: string) => void;

/** Places in one entry: a member's value, a member's name, the entry's opening brace. */
interface Place {
  value(name: string): Span;
  key(name: string): Span;
  brace(): Span;
}

/** The entries whose fields depend on each other. */
const DEPENDENT = [
  'storage.files[]',
  'ignition.config.replace',
  'storage.disks[].partitions[]',
  'storage.filesystems[]',
];

/** Fields Ignition's validation requires from a spec version on, where the schema (nullable there) does not. */
function checkRequired(value: unknown, specPath: string, version: string, at: Place, add: Add): void {
  for (const r of REQUIRED) {
    if (specPath !== r.entry || compareVersions(version, r.since) < 0) continue;
    const field = member(value, r.field);
    if (field !== undefined && typeof field !== 'string') continue; // a type error: ignition.schema says it
    if (!(r.emptyIsAValue ? field !== undefined : present(field)))
      add(
        field !== undefined ? at.value(r.field) : at.brace(),
        `\`${r.field}\` is required here: from spec ${r.since} on the schema lets it be left out, but Ignition still ` +
          `refuses the config ("${r.says}", spec ${version}).`,
      );
  }
}

/** Fields an entry needs because of another one in it (overwrite, verification, partition, filesystem). */
function checkDependent(value: unknown, specPath: string, at: Place, add: Add): void {
  if (specPath === 'storage.files[]') {
    if (member(value, 'overwrite') === true && member(value, 'contents', 'source') === undefined) {
      add(
        at.value('overwrite'),
        'A file with "overwrite": true needs `contents.source`: Ignition refuses the config ("overwrite must be ' +
          'false if source is unspecified"), in every 3.x spec. `append` does not count; drop `overwrite` ' +
          'to append to the existing file.',
      );
    }
  }
  if (
    specPath === 'ignition.config.replace' &&
    member(value, 'verification', 'hash') !== undefined &&
    !present(member(value, 'source'))
  ) {
    add(
      at.key('verification'),
      'A `verification` without a `source` to verify: Ignition refuses the config ("source must be specified if ' +
        'verification is specified").',
    );
  }
  if (specPath === 'storage.disks[].partitions[]') {
    const number = member(value, 'number');
    const numbered = typeof number === 'number' && number >= 1;
    if (!numbered && member(value, 'label') === undefined)
      add(
        number !== undefined ? at.value('number') : at.brace(),
        'A partition needs a `number` of 1 or more or a `label` to be found by: Ignition refuses the config ("a ' +
          'partition number >= 1 or a label must be specified").',
      );
  }
  if (specPath === 'storage.filesystems[]' && !present(member(value, 'format'))) {
    const needing = NEEDS_FORMAT.find((name) => member(value, name) !== undefined);
    if (needing)
      add(
        at.key(needing),
        `A filesystem with \`${needing}\` needs a \`format\` (ext4, xfs, …; "none" to leave it): Ignition refuses ` +
          `the config ("format cannot be empty when path, label, uuid, … is specified").`,
      );
  }
}
