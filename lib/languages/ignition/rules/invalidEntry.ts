import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { versionOf, visitProperties } from '../document';
import { compareVersions } from '../catalog';
import { ignitionRule } from './shared';

/** The member's value, with `null` read as absent (as Ignition reads it). */
function member(entry: Node, ...path: string[]): Node | undefined {
  const node = findNodeAtLocation(entry, path);
  return node?.type === 'null' ? undefined : node;
}

const keyOf = (entry: Node, name: string): Node =>
  entry.children?.find((p) => p.children?.[0]?.value === name)?.children?.[0] ?? entry;

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

/** The opening brace of an entry: where a missing field is reported (as ignition.schema does). */
const brace = (entry: Node): { offset: number; length: number } => ({ offset: entry.offset, length: 1 });

const present = (node: Node | undefined): node is Node =>
  node !== undefined && !(node.type === 'string' && node.value === '');

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
    const add: Add = (node, message) =>
      void problems.push(report(this, { start: node.offset, end: node.offset + node.length }, message));
    visitProperties(config.root, ({ specPath, value }) => {
      if (value?.type !== 'object') return;
      checkRequired(value, specPath, version, add);
      checkDependent(value, specPath, add);
    });
    return problems;
  },
});

/** Where a finding goes, and what it says. */
type Add = (node: { offset: number; length: number }, message: string) => void;

/** Fields Ignition's validation requires from a spec version on, where the schema (nullable there) does not. */
function checkRequired(value: Node, specPath: string, version: string, add: Add): void {
  for (const r of REQUIRED) {
    if (specPath !== r.entry || compareVersions(version, r.since) < 0) continue;
    const field = member(value, r.field);
    if (field && field.type !== 'string') continue; // a type error: ignition.schema says it
    if (!(r.emptyIsAValue ? field : present(field)))
      add(
        field ?? brace(value),
        `\`${r.field}\` is required here: from spec ${r.since} on the schema lets it be left out, but Ignition still ` +
          `refuses the config ("${r.says}", spec ${version}).`,
      );
  }
}

/** Fields an entry needs because of another one in it (overwrite, verification, partition, filesystem). */
function checkDependent(value: Node, specPath: string, add: Add): void {
  if (specPath === 'storage.files[]') {
    const overwrite = member(value, 'overwrite');
    if (overwrite?.value === true && !member(value, 'contents', 'source')) {
      add(
        overwrite,
        'A file with "overwrite": true needs `contents.source`: Ignition refuses the config ("overwrite must be ' +
          'false if source is unspecified"), in every 3.x spec. `append` does not count; drop `overwrite` ' +
          'to append to the existing file.',
      );
    }
  }
  if (
    specPath === 'ignition.config.replace' &&
    member(value, 'verification', 'hash') &&
    !present(member(value, 'source'))
  ) {
    add(
      keyOf(value, 'verification'),
      'A `verification` without a `source` to verify: Ignition refuses the config ("source must be specified if ' +
        'verification is specified").',
    );
  }
  if (specPath === 'storage.disks[].partitions[]') {
    const number = member(value, 'number');
    const numbered = number?.type === 'number' && (number.value as number) >= 1;
    if (!numbered && !member(value, 'label'))
      add(
        number ?? brace(value),
        'A partition needs a `number` of 1 or more or a `label` to be found by: Ignition refuses the config ("a ' +
          'partition number >= 1 or a label must be specified").',
      );
  }
  if (specPath === 'storage.filesystems[]' && !present(member(value, 'format'))) {
    const needing = NEEDS_FORMAT.find((name) => member(value, name));
    if (needing)
      add(
        keyOf(value, needing),
        `A filesystem with \`${needing}\` needs a \`format\` (ext4, xfs, …; "none" to leave it): Ignition refuses ` +
          `the config ("format cannot be empty when path, label, uuid, … is specified").`,
      );
  }
}
