import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import type { PropertyVisit } from '../document';
import { each, ignitionRule, str } from './shared';

/**
 * Lists whose members must be unique: the spec path of the identifying value, a group name, what it is,
 * and how many trailing JSON path segments to drop to get the list's owner (0: unique in the whole config).
 */
const UNIQUE: [RegExp, string, string, number][] = [
  [
    /^storage\.(files|directories|links)\[\]\.path$/,
    'storage',
    'path (files, directories and links share one namespace)',
    0,
  ],
  [/^systemd\.units\[\]\.name$/, 'units', 'unit name', 0],
  [/^systemd\.units\[\]\.dropins\[\]\.name$/, 'dropins', 'drop-in name in this unit', 3],
  [/^passwd\.users\[\]\.name$/, 'users', 'user name', 0],
  [/^passwd\.groups\[\]\.name$/, 'groups', 'group name', 0],
  [/^passwd\.users\[\]\.groups\[\]$/, 'userGroups', "group in this user's list", 2],
  [/^passwd\.users\[\]\.sshAuthorizedKeys\[\]$/, 'keys', 'SSH key for this user', 2],
  [
    /^kernelArguments\.should(Not)?Exist\[\]$/,
    'kargs',
    'kernel argument (shouldExist and shouldNotExist share one list)',
    0,
  ],
  [/^ignition\.config\.merge\[\]\.source$/, 'merge', 'merged config source', 0],
  [/^ignition\.security\.tls\.certificateAuthorities\[\]\.source$/, 'cas', 'certificate authority source', 0],
  [/\.httpHeaders\[\]\.name$/, 'headers', 'HTTP header in this list', 3],
  [/^storage\.disks\[\]\.device$/, 'disks', 'disk device', 0],
  [/^storage\.disks\[\]\.partitions\[\]\.(label|number)$/, 'partitions', 'partition label or number on this disk', 3],
  [/^storage\.filesystems\[\]\.device$/, 'filesystems', 'filesystem device', 0],
  [/^storage\.raid\[\]\.name$/, 'raid', 'RAID name', 0],
  [/^storage\.raid\[\]\.devices\[\]$/, 'raidDevices', 'device in this RAID', 2],
  [/^storage\.luks\[\]\.name$/, 'luks', 'LUKS name', 0],
  [/^storage\.luks\[\]\.openOptions\[\]$/, 'openOptions', 'open option of this LUKS volume', 2],
  [/^storage\.luks\[\]\.clevis\.tang\[\]\.url$/, 'tang', 'Tang server of this LUKS volume', 4],
];

const lists = new Map<string, (typeof UNIQUE)[number] | null>();

/** The list a spec path is in: decided once per spec path (they repeat across configs; the memo is bounded). */
function listFor(specPath: string): (typeof UNIQUE)[number] | undefined {
  let list = lists.get(specPath);
  if (list === undefined) {
    list = UNIQUE.find(([pattern]) => pattern.test(specPath)) ?? null;
    if (lists.size < 10_000) lists.set(specPath, list);
  }
  return list ?? undefined;
}

export const duplicateEntry = ignitionRule({
  id: 'ignition.duplicateEntry',
  language: 'ignition',
  severity: 'error',
  summary:
    'The same path, unit, drop-in, user, group, SSH key, kernel argument, merged config, header, partition, disk, ' +
    'filesystem, RAID member or LUKS name twice: Ignition rejects the config ("duplicate entry ' +
    'defined").',
  example:
    '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd" }], "links": [{ "path": ' +
    '"/etc/motd", "target": "/x" }] } }',
  fix: 'Keep one entry (merge their contents).',
  levelWhy:
    'Ignition refuses the config ("duplicate entry defined", "partition numbers collide"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    const seen = new Map<string, PropertyVisit>();
    each(
      config,
      (p) => listFor(p) !== undefined,
      (visit) => {
        const { specPath, value } = visit;
        // Partition number 0 means "the next free one": it may repeat.
        const text =
          typeof value === 'number' && value >= 1 && specPath.endsWith('.number') ? `#${String(value)}` : str(value);
        if (text === undefined) return;
        const list = listFor(specPath);
        if (!list) return;
        const [, group, what, drop] = list;
        const scope = drop ? visit.path.slice(0, -drop).join('\u0001') : '';
        const key = `${group}\u0000${scope}\u0000${text}`;
        const first = seen.get(key);
        const shown = text.startsWith('#') ? text.slice(1) : `"${text}"`;
        if (first)
          problems.push(
            report(
              this,
              config.rangeAt(visit.path),
              `Duplicate ${what} ${shown}: Ignition rejects the config ("duplicate entry defined").`,
              { related: [{ ...config.rangeAt(first.path), message: 'first defined here' }] },
            ),
          );
        else seen.set(key, visit);
      },
    );
    return problems;
  },
});
