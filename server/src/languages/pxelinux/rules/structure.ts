import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { Directive, PxelinuxConfig } from '../ast';
import { KEYWORDS, MENU_KEYWORDS } from '../catalog';

function spec(directive: Directive) {
  return directive.name === 'menu' && directive.sub ? MENU_KEYWORDS.get(directive.sub.text.toLowerCase()) : KEYWORDS.get(directive.name);
}

function title(directive: Directive): string {
  return directive.name === 'menu' && directive.sub ? `MENU ${directive.sub.text.toUpperCase()}` : directive.keyword.text.toUpperCase();
}

export const misplacedKeyword: Rule<PxelinuxConfig> = {
  id: 'pxelinux.misplacedKeyword',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'A per-entry keyword before the first LABEL (it belongs to no entry), or a global one inside a LABEL (it still applies to the whole menu).',
  example: 'LINUX vmlinuz\nLABEL fcos\n  TIMEOUT 50',
  fix: 'Move per-entry keywords under their LABEL, and global ones above the first LABEL.',
  check(config) {
    const problems: Problem[] = [];
    for (const directive of config.global) {
      if (spec(directive)?.where !== 'label') continue;
      problems.push({ ruleId: this.id, start: directive.keyword.start, end: (directive.sub ?? directive.keyword).end, message: `${title(directive)} belongs inside a LABEL entry; before the first LABEL it applies to none.` });
    }
    for (const label of config.labels) {
      for (const directive of label.directives) {
        if (spec(directive)?.where !== 'global') continue;
        problems.push({
          ruleId: this.id,
          start: directive.keyword.start,
          end: (directive.sub ?? directive.keyword).end,
          message: `${title(directive)} is a global setting: inside LABEL ${label.name.text} it still applies to the whole config. Move it above the first LABEL.`,
        });
      }
    }
    return problems;
  },
};

export const duplicateLabel: Rule<PxelinuxConfig> = {
  id: 'pxelinux.duplicateLabel',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'Two LABELs with the same name: DEFAULT and the boot: prompt only ever reach one of them.',
  example: 'LABEL fcos\n  KERNEL a\nLABEL fcos\n  KERNEL b',
  fix: 'Rename one of them.',
  check(config) {
    const seen = new Map<string, Directive>();
    const problems: Problem[] = [];
    for (const label of config.labels) {
      const first = seen.get(label.name.text);
      if (first) {
        problems.push({ ruleId: this.id, start: label.name.start, end: label.name.end, message: `LABEL ${label.name.text} is defined twice.`, related: [{ start: first.start, end: first.end, message: 'first definition' }] });
      } else if (label.name.text) seen.set(label.name.text, label.directive);
    }
    return problems;
  },
};

export const duplicateDefault: Rule<PxelinuxConfig> = {
  id: 'pxelinux.duplicateDefault',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'DEFAULT (or UI, or MENU DEFAULT) given more than once: only the last one counts.',
  example: 'DEFAULT fcos\nDEFAULT local',
  fix: 'Keep only the one you mean, usually the last.',
  check(config) {
    const problems: Problem[] = [];
    const last = new Map<string, Directive>();
    const key = (d: Directive): string | undefined =>
      d.name === 'default' || d.name === 'ui' ? d.name : d.name === 'menu' && d.sub?.text.toLowerCase() === 'default' ? 'menu default' : undefined;
    for (const directive of config.directives) {
      const k = key(directive);
      if (!k) continue;
      const earlier = last.get(k);
      if (earlier) {
        problems.push({ ruleId: this.id, start: earlier.keyword.start, end: earlier.end, message: `${title(earlier)} is given again further down; this one is ignored.`, related: [{ start: directive.start, end: directive.end, message: 'the one that counts' }] });
      }
      last.set(k, directive);
    }
    return problems;
  },
};

export const initrdTwice: Rule<PxelinuxConfig> = {
  id: 'pxelinux.initrdTwice',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'An entry gives its initrd both with INITRD and as initrd= in APPEND: the kernel receives two initrd= arguments.',
  example: 'LABEL fcos\n  KERNEL vmlinuz\n  INITRD initrd.img\n  APPEND initrd=initrd.img',
  fix: 'Keep one of them (INITRD is clearer).',
  check(config) {
    const problems: Problem[] = [];
    for (const label of config.labels) {
      const initrd = label.directives.find((d) => d.name === 'initrd');
      const append = label.directives.find((d) => d.name === 'append' && d.argument && /(^|\s)initrd=/.test(d.argument.text));
      const match = append?.argument && /(?:^|\s)(initrd=\S*)/.exec(append.argument.text);
      if (!initrd || !append?.argument || !match) continue;
      const at = append.argument.start + match.index + match[0].length - (match[1] as string).length;
      const end = at + (match[1] as string).length;
      problems.push({ ruleId: this.id, start: at, end, message: `LABEL ${label.name.text} has INITRD and also initrd= in APPEND: drop one.`, related: [{ start: initrd.start, end: initrd.end, message: 'INITRD here' }] });
    }
    return problems;
  },
};
