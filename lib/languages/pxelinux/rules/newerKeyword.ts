import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { pxelinuxRule } from './shared';
import { KEYWORDS } from '../catalog';
import { loaderInfo } from '../loader';

export const newerKeyword = pxelinuxRule({
  id: 'pxelinux.newerKeyword',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'A keyword newer than the loader in this TFTP root (PATH needs 5.00, SYSAPPEND 5.10, INITRD 3.71): that loader ignores the line.',
  example: 'LABEL arch\n  SYSAPPEND 3   # beside PXELINUX 4.05',
  fix: 'Upgrade the loader and its modules together, or use the older form (IPAPPEND for SYSAPPEND, initrd= in APPEND for INITRD).',
  levelWhy:
    'Warning: the line is ignored without a word, so the kernel misses BOOTIF=, its initrd, or modules are not found; ' +
    'only checked when a loader in the tree names its version.',
  check(config, _text, context) {
    const info = loaderInfo(context);
    if (info?.number === undefined) return [];
    const problems: Problem[] = [];
    for (const d of config.directives) {
      const since = KEYWORDS.get(d.name)?.since;
      if (!since || Number(since) <= info.number) continue;
      problems.push(
        report(
          this,
          { start: d.keyword.start, end: d.keyword.end },
          `${d.keyword.text.toUpperCase()} is read by SYSLINUX ${since} and later; the loader here is ` +
            `${info.version ?? 'older'}, which ignores this ` +
            'line.' +
            (d.name === 'sysappend'
              ? ' Use IPAPPEND (1 = ip=, 2 = BOOTIF=).'
              : d.name === 'initrd'
                ? ' Give initrd= in APPEND.'
                : ''),
        ),
      );
    }
    return problems;
  },
});
