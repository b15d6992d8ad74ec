import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const PATH = '/srv/tftp/grub/grub.cfg';
const only = (rule: string, text: string) => lintText(PATH, text).findings.filter((f) => f.ruleId === rule);

describe('grub.unknownCommand', () => {
  const RULE = 'grub.unknownCommand';
  it('flags typos, PXELINUX keywords and undefined functions; knows catalog commands, functions and wrappers', () => {
    checkRule(RULE, PATH, {
      bad: [
        `menuentry 'x' {\n  linxu /vmlinuz\n  ^^^^^ ${RULE}\n}`,
        `menuentry 'x' {\n  kernel /vmlinuz\n  ^^^^^^ ${RULE}\n  append quiet\n  ^^^^^^ ${RULE}\n}`,
        `load_video\n^^^^^^^^^^ ${RULE}\n`,
        `if ! nosuch; then true; fi\n     ^^^^^^ ${RULE}\n`,
      ],
      good: [
        "function load_video { insmod all_video\n}\nload_video\nmenuentry 'x' { linux /v; initrd /i; boot }\n",
        'clinux /vmlinuz\ncinitrd /initrd\nmy_initrd /x\n',
        '$chain /ipxe.efi\n{{ cmd }} /x\ntimeout=5\nGRUB_HIDDEN_TIMEOUT=0\nsearch.fs_uuid 1234 root\n[ -e /x ]\n',
        'linuxefi /v\nblscfg\nconnectefi scsi\nnet_dhcp\nsmbios --type 1 --get-string 4 --set v\n',
      ],
    });
    expect(only(RULE, 'linxu /v\n')[0]!.message).toContain('Did you mean `linux`?');
    expect(applyFix('linxu /v\n', only(RULE, 'linxu /v\n')[0]!)).toBe('linux /v\n');
    expect(only(RULE, 'kernel /v\n')[0]!.message).toContain('PXELINUX keyword');
  });
});

describe('grub.setSyntax', () => {
  const RULE = 'grub.setSyntax';
  it('flags set without =, spaces around =, words after the value, and a keyword without ;', () => {
    checkRule(RULE, PATH, {
      bad: [
        `set timeout 5\n^^^^^^^^^^^^^ ${RULE}\n`,
        `set default = fcos\n^^^^^^^^^^^^^^^^^^ ${RULE}\n`,
        `set default=Fedora CoreOS\n                   ^^^^^^ ${RULE}\n`,
        `if cpuid -l; then set img=x86_64 else set img=x86_32; fi\n                                 ^^^^ ${RULE}\n`,
      ],
      good: ['set timeout=5\nset default="Fedora CoreOS"\nset\nset x=\ndefault=0\nset t={{ t }}\n'],
    });
    const [finding] = only(RULE, 'set default = fcos\n');
    expect(applyFix('set default = fcos\n', finding!)).toBe('set default=fcos\n');
  });
});

describe('grub.unknownDefault', () => {
  const RULE = 'grub.unknownDefault';
  const entries =
    "menuentry 'Fedora CoreOS' --id fcos {\n  true\n}\nsubmenu 'Tools' --id tools {\n  menuentry 'memtest' {\n    true\n  }\n}\n";
  it('flags a default that names no entry by number, title, id or submenu path', () => {
    checkRule(RULE, PATH, {
      bad: [
        `set default=fcos2\n            ^^^^^ ${RULE}\n${entries}`,
        `set default=2\n            ^ ${RULE}\n${entries}`,
        `set default="tools>memtst"\n            ^^^^^^^^^^^^^^ ${RULE}\n${entries}`,
      ],
      good: [
        `set default=fcos\n${entries}`,
        `set default="Fedora CoreOS"\n${entries}`,
        `set default=1\n${entries}`,
        `set default='Tools>memtest'\n${entries}`,
        `set default=tools>0\n${entries}`,
        `set default=saved\n${entries}`,
        `set default="\${next_entry}"\n${entries}`,
        `set default=local\nsource $prefix/local.cfg\n${entries}`,
        `set default=x\nmenuentry "$title" {\n  true\n}\n`,
        `set default=fcos2\n`,
      ],
    });
    expect(only(RULE, `set default=fcos2\n${entries}`)[0]!.message).toContain('Did you mean `fcos`?');
  });

  it('says when digits at the start make GRUB read a number', () => {
    const text = "set default='2nd try'\nmenuentry 'first' { true\n}\nmenuentry '2nd try' { true\n}\n";
    expect(only(RULE, text)[0]!.message).toContain('as the number 2');
  });
});

describe('grub.timeoutNotNumber', () => {
  const RULE = 'grub.timeoutNotNumber';
  it('flags values GRUB reads differently from what they say', () => {
    checkRule(RULE, PATH, {
      bad: [
        `set timeout=five\n            ^^^^ ${RULE}\n`,
        `set timeout=1.5\n            ^^^ ${RULE}\n`,
        `set timeout=010\n            ^^^ ${RULE}\n`,
        `timeout=5m\n        ^^ ${RULE}\n`,
      ],
      good: [
        'set timeout=5\nset timeout=-1\nset timeout=0\nset timeout=5s\nset timeout=08\nset timeout=\nset timeout=$t\n',
      ],
    });
    expect(only(RULE, 'set timeout=010\n')[0]!.message).toContain('is 8 seconds');
  });
});

describe('grub.initrdBeforeLinux', () => {
  const RULE = 'grub.initrdBeforeLinux';
  it('flags an initrd loaded before its kernel in the same list of commands', () => {
    checkRule(RULE, PATH, {
      bad: [`menuentry 'x' {\n  initrd /i\n  ^^^^^^ ${RULE}\n  linux /v\n}\n`],
      good: [
        "menuentry 'x' {\n  linux /v\n  initrd /i\n}\n",
        "menuentry 'x' {\n  if true; then initrd /i; fi\n  linux /v\n}\n",
        "menuentry 'x' {\n  initrd /i\n}\n",
      ],
    });
  });
});

describe('grub.urlPath', () => {
  const RULE = 'grub.urlPath';
  it('flags URLs where GRUB wants a device path, and offers the device form', () => {
    checkRule(RULE, PATH, {
      bad: [
        `menuentry 'x' {\n  linux http://10.0.0.2/fcos/vmlinuz quiet\n        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}\n}\n`,
      ],
      good: ["menuentry 'x' {\n  linux (http,10.0.0.2)/fcos/vmlinuz ignition.config.url=http://10.0.0.2/c.ign\n}\n"],
    });
    const text = 'linux http://10.0.0.2/v\n';
    expect(applyFix(text, only(RULE, text)[0]!)).toBe('linux (http,10.0.0.2)/v\n');
  });
});

describe('grub.linuxefi', () => {
  const RULE = 'grub.linuxefi';
  it('advises once per file where no GRUB image says which build reads it, with a fix for every line', () => {
    const text = "menuentry 'x' {\n  linuxefi /v\n  initrdefi /i\n}\n";
    const r = lintFixture(PATH, `menuentry 'x' {\n  linuxefi /v\n  ^^^^^^^^ ${RULE}\n  initrdefi /i\n}\n`, RULE);
    expect(r.actual).toEqual(r.expected);
    expect(applyFix(text, only(RULE, text)[0]!)).toBe("menuentry 'x' {\n  linux /v\n  initrd /i\n}\n");
    expect(only(RULE, 'function linuxefi { linux "$@"\n}\nlinuxefi /v\n')).toEqual([]);
  });
});

describe('parser rules through the linter', () => {
  it('reports quotes, braces and syntax as errors at their place', () => {
    checkRule('grub.unterminatedQuote', PATH, {
      bad: [`menuentry 'x {\n          ^ grub.unterminatedQuote\n  true\n}\n`],
      good: ["menuentry 'x' {\n  true\n}\n"],
    });
    checkRule('grub.unbalancedBrace', PATH, {
      bad: [`menuentry 'x' {\n              ^ grub.unbalancedBrace\n  true\n`],
      good: ["menuentry 'x' {\n  true\n}\n"],
    });
    checkRule('grub.syntaxError', PATH, {
      bad: [`if [ -e /x ] && [ -e /y ]; then true; fi\n             ^^ grub.syntaxError\n`],
      good: ['if [ -e /x -a -e /y ]; then true; fi\n'],
    });
  });
});
