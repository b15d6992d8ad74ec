import { report } from '../../../core/rule';
import { ipxeRule } from './shared';

export const missingHeader = ipxeRule({
  id: 'ipxe.missingHeader',
  language: 'ipxe',
  severity: 'error',
  summary: 'The script does not start with `#!ipxe`, so iPXE will not run it as a script.',
  example: 'dhcp\nchain http://192.168.255.2/tftp/boot.ipxe',
  fix: 'Make `#!ipxe` the very first line.',
  levelWhy:
    'Error: without the magic line iPXE does not recognise the file as a script and refuses to run it ("Exec format error").',
  check(script, text) {
    if (script.header) return [];
    const firstLineEnd = text.indexOf('\n');
    const end = firstLineEnd < 0 ? text.length : firstLineEnd;
    return [
      report(
        this,
        { start: 0, end: text[end - 1] === '\r' ? end - 1 : end },
        'Missing `#!ipxe` on the first line: iPXE does not recognise this file as a script. Add `#!ipxe` as line 1.',
        {
          fixes: [
            {
              title: 'Insert `#!ipxe` as the first line',
              edits: [{ start: 0, end: 0, newText: '#!ipxe\n' }],
              preferred: true,
            },
          ],
        },
      ),
    ];
  },
});
