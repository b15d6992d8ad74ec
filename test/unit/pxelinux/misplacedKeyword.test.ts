import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { checkRule } from '../../helpers/markers';

const RULE = 'pxelinux.misplacedKeyword';
const GLOBAL = 'pxelinux.globalInLabel';

describe(RULE, () => {
  it('flags per-entry keywords where no LABEL is open (before the first, after MENU BEGIN or MENU SEPARATOR)', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [
        `LINUX vmlinuz\n^^^^^ ${RULE}\nLABEL a\n  TIMEOUT 50\n`,
        `MENU LABEL Boot\n^^^^^^^^^^ ${RULE}\nLABEL boot\n`,
        `TEXT HELP\n^^^^^^^^^ ${RULE}\n  Help for nothing\nENDTEXT\nLABEL a\n`,
        `LABEL a\nMENU BEGIN tools\n  LINUX memtest\n  ^^^^^ ${RULE}\nMENU END\n`,
      ],
      good: [
        'DEFAULT a\nTIMEOUT 50\nAPPEND quiet\nLABEL a\n  KERNEL vmlinuz\n  APPEND -\n  MENU LABEL A\n  MENU DEFAULT\n  ' +
          'TEXT HELP\n  TIMEOUT is just help text here\n  ENDTEXT\n',
        // MENU SEPARATOR is an entry of its own (menu readconfig.c), anywhere.
        'MENU SEPARATOR\nLABEL a\nMENU SEPARATOR\n',
        // Before a submenu's first LABEL, MENU LABEL/PASSWD/DEFAULT name the submenu itself.
        'LABEL a\nMENU BEGIN tools\n  MENU LABEL ^Tools\n  MENU PASSWD secret\n  LABEL memtest\n    KERNEL memtest\nMENU END\n',
        // After an INCLUDE the open entry is the included file's.
        'INCLUDE entries.cfg\nMENU LABEL More\n  KERNEL x\n',
      ],
    });
  });

  it('is quiet on MENU LABEL before the first LABEL of a file that may be MENU INCLUDEd as a submenu', () => {
    const problems = (path: string) =>
      lintText(path, 'MENU TITLE Utilities\nMENU LABEL ^Utilities\nLABEL a\n  KERNEL x\n', {
        context: { path },
      }).findings.filter((f) => f.ruleId === RULE);
    expect(problems('/srv/tftp/utilities.conf')).toEqual([]);
    expect(problems('/srv/tftp/pxelinux.cfg/default')).toHaveLength(1);
  });
});

describe(GLOBAL, () => {
  it("hints at global keywords written inside a LABEL, but not at a submenu's own settings", () => {
    checkRule(GLOBAL, 'pxelinux.cfg/default', {
      bad: [`LABEL a\n  TIMEOUT 50\n  ^^^^^^^ ${GLOBAL}\n  MENU TITLE x\n  ^^^^^^^^^^ ${GLOBAL}\n`],
      good: [
        'TIMEOUT 50\nLABEL a\n  KERNEL k\n',
        'LABEL a\nMENU BEGIN other\n  MENU TITLE Other\n  LABEL b\n    KERNEL k\n  MENU TITLE Other again\n  TIMEOUT 30\nMENU END\n',
        'LABEL a\nINCLUDE more.cfg\nTIMEOUT 50\n',
      ],
    });
    expect(
      lintText('pxelinux.cfg/default', 'LABEL a\n  TIMEOUT 50\n').findings.find((f) => f.ruleId === GLOBAL)?.severity,
    ).toBe('hint');
  });
});
