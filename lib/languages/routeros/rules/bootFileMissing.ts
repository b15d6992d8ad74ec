import { join } from 'node:path';
import { valueEnd, valueStart } from '../ast';
import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { routerosRule, textOptions } from './shared';

export const bootFileMissing = routerosRule({
  id: 'routeros.bootFileMissing',
  language: 'routeros',
  severity: 'warning',
  summary: "DHCP option 67 (boot file) names a file that is not in the site's TFTP folder.",
  example: '/ip dhcp-server option\nadd code=67 name=boot value="\'lpxelinx.0\'"',
  fix: 'Correct the file name, or put the loader into the TFTP folder (pxe-site.json tftp.root).',
  levelWhy:
    'The boot fails if the router points clients at this folder, but PXE Workbench only sees the site folder, which may ' +
    'not be what next-server serves: very likely wrong.',
  check(script, _text, context) {
    const root = context.site?.tftpRoot;
    if (!root || !context.files) return [];
    const problems: Problem[] = [];
    for (const { value, text: file } of textOptions(script, '67')) {
      if (/^[a-z]+:\/\//i.test(file)) continue;
      const path = join(root, ...file.replace(/^\/+/, '').split('/'));
      if (!context.files.exists(path))
        problems.push(
          report(
            this,
            { start: valueStart(value), end: valueEnd(value) },
            `Option 67 boots "${file}", which is not in the TFTP folder (looked for ${path}).`,
          ),
        );
    }
    return problems;
  },
});
