import type { Node } from 'jsonc-parser';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { IgnitionConfig } from '../ast';
import { DataUrlError, DataUrlTooLargeError, decodeDataUrl } from '../dataUrl';
import { templated, versionOf, visitProperties, type PropertyVisit } from '../document';
import { pathsOf } from '../pathAt';
import { compareVersions } from '../spec';

/** Every property visit whose spec path matches, for configs of a known version. */
function each(
  config: IgnitionConfig,
  match: (specPath: string) => boolean,
  then: (v: PropertyVisit, version: string) => void,
): void {
  const version = versionOf(config);
  if (!version) return;
  visitProperties(config.root, (v) => {
    if (match(v.specPath)) then(v, version);
  });
}

const range = (node: Node): { start: number; end: number } => ({ start: node.offset, end: node.offset + node.length });
const str = (node: Node | undefined): string | undefined => (node?.type === 'string' ? String(node.value) : undefined);

const ABSOLUTE_PATHS =
  /^(storage\.(files|directories|links)\[\]\.path|storage\.filesystems\[\]\.(path|device)|storage\.disks\[\]\.device|storage\.raid\[\]\.devices\[\]|storage\.luks\[\]\.device|passwd\.users\[\]\.homeDir)$/;

const OPTIONAL_PATHS = /^(storage\.filesystems\[\]\.path|passwd\.users\[\]\.homeDir)$/;

export const notAbsolute: Rule<IgnitionConfig> = {
  id: 'ignition.pathNotAbsolute',
  language: 'ignition',
  severity: 'error',
  summary:
    'A file, directory, link, device or home path that does not start with `/`: Ignition rejects the config ("path not absolute").',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "etc/motd" }] } }',
  fix: 'Write the absolute path, starting with `/`.',
  levelWhy: 'Ignition refuses the config ("path not absolute"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => ABSOLUTE_PATHS.test(p),
      ({ specPath, value }) => {
        const text = str(value);
        // An empty optional path (a filesystem's mount point, a home directory) is no path: Ignition skips it.
        if (text === '' && OPTIONAL_PATHS.test(specPath)) return;
        if (text !== undefined && !text.startsWith('/') && !templated(text) && value)
          problems.push({
            ruleId: this.id,
            ...range(value),
            message: `"${text}" is not an absolute path: Ignition rejects the config. Write "/${text}".`,
            fixes: [
              {
                title: `Change to "/${text}"`,
                edits: [{ ...range(value), newText: JSON.stringify(`/${text}`) }],
                preferred: true,
              },
            ],
          });
      },
    );
    return problems;
  },
};

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

export const duplicateEntry: Rule<IgnitionConfig> = {
  id: 'ignition.duplicateEntry',
  language: 'ignition',
  severity: 'error',
  summary:
    'The same path, unit, drop-in, user, group, SSH key, kernel argument, merged config, header, partition, disk, filesystem, RAID member or LUKS name twice: Ignition rejects the config ("duplicate entry defined").',
  example:
    '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd" }], "links": [{ "path": "/etc/motd", "target": "/x" }] } }',
  fix: 'Keep one entry (merge their contents).',
  levelWhy:
    'Ignition refuses the config ("duplicate entry defined", "partition numbers collide"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    const seen = new Map<string, Node>();
    each(
      config,
      () => true,
      ({ specPath, value }) => {
        if (!value) return;
        // Partition number 0 means "the next free one": it may repeat.
        const text =
          value.type === 'number' && (value.value as number) >= 1 && specPath.endsWith('.number')
            ? `#${String(value.value)}`
            : str(value);
        if (text === undefined) return;
        const match = UNIQUE.find(([pattern]) => pattern.test(specPath));
        if (!match) return;
        const [, group, what, drop] = match;
        const scope = drop ? pathsOf(value).jsonPath.slice(0, -drop).join('\u0001') : '';
        const key = `${group}\u0000${scope}\u0000${text}`;
        const first = seen.get(key);
        const shown = text.startsWith('#') ? text.slice(1) : `"${text}"`;
        if (first)
          problems.push({
            ruleId: this.id,
            ...range(value),
            message: `Duplicate ${what} ${shown}: Ignition rejects the config ("duplicate entry defined").`,
            related: [{ ...range(first), message: 'first defined here' }],
          });
        else seen.set(key, value);
      },
    );
    return problems;
  },
};

const SOURCE_PATHS = /(\.source|^ignition\.proxy\.https?Proxy)$/;

export const invalidSource: Rule<IgnitionConfig> = {
  id: 'ignition.invalidSource',
  language: 'ignition',
  severity: 'error',
  summary:
    'A `source` URL Ignition cannot fetch: a scheme the spec version does not support, or a broken `data:` URL (bad percent escape, bad base64).',
  example:
    '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd", "contents": { "source": "data:,100%" } }] } }',
  fix: 'Use http, https, tftp, s3, gs (3.2.0+), arn (3.4.0+) or a valid data: URL (percent-encode %, or use base64).',
  levelWhy:
    'Ignition refuses the config ("invalid url scheme", "invalid data character", "illegal base64 data"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => SOURCE_PATHS.test(p) && !p.startsWith('ignition.proxy'),
      ({ value }, version) => {
        const url = str(value);
        if (!url || !value || templated(url)) return;
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
        const schemes = [
          'http',
          'https',
          'tftp',
          's3',
          'data',
          ...(compareVersions(version, '3.2.0') >= 0 ? ['gs'] : []),
          ...(compareVersions(version, '3.4.0') >= 0 ? ['arn'] : []),
        ];
        if (!scheme || !schemes.includes(scheme)) {
          problems.push({
            ruleId: this.id,
            ...range(value),
            message: `${scheme ? `The scheme "${scheme}"` : 'This URL has no scheme and'} is not one spec ${version} can fetch (${schemes.join(', ')}): Ignition rejects the config ("invalid url scheme").`,
          });
          return;
        }
        if (scheme !== 'data') return;
        try {
          decodeDataUrl(url);
        } catch (error) {
          if (error instanceof DataUrlError)
            problems.push({
              ruleId: this.id,
              ...range(value),
              message: `Broken data: URL (${error.message}): Ignition rejects the config. Percent-encode "%" as %25, or use base64.`,
            });
          else if (!(error instanceof DataUrlTooLargeError)) throw error; // too large: said by ignition.dataUrlTooLarge
        }
      },
    );
    return problems;
  },
};

/** mdadm levels and the aliases Ignition accepts for them. */
const RAID_LEVELS = [
  'linear',
  'raid0',
  '0',
  'stripe',
  'raid1',
  '1',
  'mirror',
  'raid4',
  '4',
  'raid5',
  '5',
  'raid6',
  '6',
  'raid10',
  '10',
];

export const invalidValue: Rule<IgnitionConfig> = {
  id: 'ignition.invalidValue',
  language: 'ignition',
  severity: 'error',
  summary:
    'A value Ignition does not accept: compression other than gzip, a malformed verification hash, a mode outside 0–07777, an unknown filesystem format or RAID level.',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/x", "mode": 99999 }] } }',
  fix: 'Use a value from the message.',
  levelWhy:
    'Ignition refuses the config ("invalid compression method", "unrecognized hash function", "illegal file mode", "invalid filesystem format"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => /(\.compression|verification\.hash|\.mode|filesystems\[\]\.format|raid\[\]\.level)$/.test(p),
      ({ specPath, value }, version) => {
        if (!value || value.type === 'null') return;
        const add = (message: string): void => void problems.push({ ruleId: this.id, ...range(value), message });
        const text = str(value);
        if (specPath.endsWith('.compression') && text !== undefined && text !== '' && text !== 'gzip')
          add(`Compression "${text}" is not supported: use "gzip" or null ("invalid compression method").`);
        if (specPath.endsWith('verification.hash') && text !== undefined) {
          const [fn, hex] = text.split('-', 2);
          const lengths: Record<string, number> = {
            sha512: 128,
            ...(compareVersions(version, '3.1.0') >= 0 ? { sha256: 64 } : {}),
          };
          if (!fn || !(fn in lengths))
            add(
              `"${fn}" is not a hash function spec ${version} knows (${Object.keys(lengths).join(', ')}): "unrecognized hash function".`,
            );
          else if (!hex || !new RegExp(`^[0-9a-fA-F]{${lengths[fn]}}$`).test(hex))
            add(`A ${fn} hash is ${lengths[fn]} hex digits after "${fn}-".`);
        }
        if (
          specPath.endsWith('.mode') &&
          value.type === 'number' &&
          (!Number.isInteger(value.value) || (value.value as number) < 0 || (value.value as number) > 0o7777)
        )
          add(`Mode ${String(value.value)} is outside 0–4095 (octal 0–07777): "illegal file mode".`);
        if (specPath.endsWith('raid[].level') && text !== undefined && !RAID_LEVELS.includes(text))
          add(
            `RAID level "${text}" is not one Ignition knows: use ${RAID_LEVELS.filter((l) => !/^\d/.test(l)).join(', ')} ("unrecognized raid level").`,
          );
        if (specPath.endsWith('filesystems[].format') && text !== undefined) {
          const formats = ['ext4', 'btrfs', 'xfs', 'vfat', 'swap', 'none', ''];
          if (!formats.includes(text))
            add(
              `Filesystem format "${text}" is not supported: use ext4, btrfs, xfs, vfat, swap or none ("invalid filesystem format").`,
            );
        }
      },
    );
    return problems;
  },
};

const UNIT_TYPES = [
  'service',
  'socket',
  'device',
  'mount',
  'automount',
  'swap',
  'target',
  'path',
  'timer',
  'snapshot',
  'slice',
  'scope',
];

export const invalidUnit: Rule<IgnitionConfig> = {
  id: 'ignition.invalidUnit',
  language: 'ignition',
  severity: 'error',
  summary:
    'A systemd unit name without a unit type suffix, a drop-in not ending in `.conf`, or unit contents with a broken `[Section]` line.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "systemd": { "units": [{ "name": "hello", "contents": "[Unit]" }] } }',
  fix: 'Name units like hello.service, drop-ins like 10-override.conf, and close every [Section] header.',
  levelWhy:
    'Ignition refuses the config ("invalid systemd unit extension", "invalid unit content"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => /^systemd\.units\[\](\.dropins\[\])?\.(name|contents)$/.test(p),
      ({ specPath, value }) => {
        const text = str(value);
        if (text === undefined || !value || templated(text)) return;
        if (specPath === 'systemd.units[].name') {
          const suffix = text.split('.').pop() ?? '';
          if (!text.includes('.') || !UNIT_TYPES.includes(suffix))
            problems.push({
              ruleId: this.id,
              ...range(value),
              message: `"${text}" has no systemd unit type: end it in .${UNIT_TYPES.slice(0, 4).join(', .')}, … ("invalid systemd unit extension").`,
            });
        } else if (specPath === 'systemd.units[].dropins[].name') {
          if (!text.endsWith('.conf'))
            problems.push({
              ruleId: this.id,
              ...range(value),
              message: `Drop-in "${text}" must end in .conf ("invalid systemd drop-in extension").`,
            });
        } else {
          const broken = text.split('\n').find((line) => /^\s*\[/.test(line) && !/\]\s*$/.test(line));
          if (broken !== undefined)
            problems.push({
              ruleId: this.id,
              ...range(value),
              message: `The unit text has a section header without its "]" (${broken.trim()}): "invalid unit content: unable to find end of section".`,
            });
        }
      },
    );
    return problems;
  },
};
