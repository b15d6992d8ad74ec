import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

describe('pxelinux.timeoutRange', () => {
  const RULE = 'pxelinux.timeoutRange';
  it('flags timeouts that are not whole tenths of a second in range', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [
        `TIMEOUT 5s\n        ^^ ${RULE}\n`,
        `TOTALTIMEOUT 99999\n             ^^^^^ ${RULE}\n`,
        `TIMEOUT -1\n        ^^ ${RULE}\n`,
      ],
      good: ['TIMEOUT 0\n', 'TIMEOUT 50\n', 'TOTALTIMEOUT 35996\n', 'TIMEOUT 0x10\n'],
    });
  });
});

describe('pxelinux.invalidAppendFlags', () => {
  const RULE = 'pxelinux.invalidAppendFlags';
  it('flags IPAPPEND/SYSAPPEND values that are not bitmasks', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [`LABEL a\n  IPAPPEND yes\n           ^^^ ${RULE}\n`, `SYSAPPEND 0x100000\n          ^^^^^^^^ ${RULE}\n`],
      good: ['LABEL a\n  IPAPPEND 2\n', 'SYSAPPEND 0x40000\n', 'IPAPPEND 3\n', 'SYSAPPEND 017\n'],
    });
  });
});
