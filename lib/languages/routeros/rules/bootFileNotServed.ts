import type { Problem } from '../../../core/problem';
import { valueEnd, valueStart } from '../ast';
import { report } from '../../../core/rule';
import { argText, statementsIn } from '../dhcpModel';
import { routerosRule, textOptions } from './shared';

export const bootFileNotServed = routerosRule({
  id: 'routeros.bootFileNotServed',
  language: 'routeros',
  severity: 'warning',
  summary:
    'DHCP option 67 names a file that no `/ip tftp` entry of the same script serves (when the router itself is the TFTP server).',
  example:
    '/ip tftp\nadd req-filename=lpxelinux.0 real-filename=/pxe/lpxelinux.0\n/ip dhcp-server option\nadd code=67 ' +
    'name=boot value="\'ipxe.efi\'"',
  fix: 'Add an `/ip tftp` entry whose req-filename matches the boot file, or correct the file name.',
  levelWhy:
    'When the router is the TFTP server the client gets "file not found", but another script or an earlier setup may add ' +
    'the /ip tftp entry: very likely wrong.',
  check(script) {
    const served: RegExp[] = [];
    for (const s of statementsIn(script, '/ip tftp')) {
      if (s.command?.text !== 'add' || argText(s, 'disabled') === 'yes') continue;
      const pattern = argText(s, 'req-filename');
      if (pattern === undefined || pattern === '' || /[$[]/.test(pattern)) return []; // serves everything, or decided at run time
      try {
        served.push(new RegExp(pattern));
      } catch {
        return []; // the router's regex dialect differs: do not guess
      }
    }
    if (!served.length) return [];
    const problems: Problem[] = [];
    for (const { value, text: file } of textOptions(script, '67')) {
      if (/^[a-z]+:\/\//i.test(file) || served.some((re) => re.test(file))) continue;
      problems.push(
        report(
          this,
          { start: valueStart(value), end: valueEnd(value) },
          `Option 67 boots "${file}", but no /ip tftp entry in this script has a req-filename that matches it: the ` +
            `router's TFTP server will refuse it. Add one, or correct the name.`,
        ),
      );
    }
    return problems;
  },
});
