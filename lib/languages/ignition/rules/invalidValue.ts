import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { compareVersions } from '../catalog';
import { each, ignitionRule, str } from './shared';

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

export const invalidValue = ignitionRule({
  id: 'ignition.invalidValue',
  language: 'ignition',
  severity: 'error',
  summary:
    'A value Ignition does not accept: compression other than gzip, a malformed verification hash, a mode outside ' +
    '0–07777, an unknown filesystem format or RAID level.',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/x", "mode": 99999 }] } }',
  fix: 'Use a value from the message.',
  levelWhy:
    'Ignition refuses the config ("invalid compression method", "unrecognized hash function", "illegal file mode", ' +
    '"invalid filesystem format"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => /(\.compression|verification\.hash|\.mode|filesystems\[\]\.format|raid\[\]\.level)$/.test(p),
      (v, version) => {
        const { specPath, value } = v;
        if (value === null) return;
        const add = (message: string): void => void problems.push(report(this, config.rangeAt(v.path), message));
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
          typeof value === 'number' &&
          (!Number.isInteger(value) || value < 0 || value > 0o7777)
        )
          add(`Mode ${String(value)} is outside 0–4095 (octal 0–07777): "illegal file mode".`);
        if (specPath.endsWith('raid[].level') && text !== undefined && !RAID_LEVELS.includes(text))
          add(
            `RAID level "${text}" is not one Ignition knows: use ${RAID_LEVELS.filter((l) => !/^\d/.test(l)).join(', ')} ` +
              `("unrecognized raid level").`,
          );
        if (specPath.endsWith('filesystems[].format') && text !== undefined) {
          // `none` (erase a signature, make nothing) came with spec 3.3.0.
          const formats = ['ext4', 'btrfs', 'xfs', 'vfat', 'swap'];
          if (compareVersions(version, '3.3.0') >= 0) formats.push('none');
          if (text !== '' && !formats.includes(text))
            add(
              `Filesystem format "${text}" is not supported by spec ${version}: use ${formats.join(', ')} ` +
                `("invalid filesystem format")${text === 'none' ? '; "none" needs spec 3.3.0 or newer' : ''}.`,
            );
        }
      },
    );
    return problems;
  },
});
