import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.menuTargetWithoutLabel';

describe(RULE, () => {
  it('flags items of the chosen menu that have no label when the choice is a goto target', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nmenu Boot\nitem fcos Fedora CoreOS\n     ^^^^ ${RULE}\nitem shell Shell\nchoose target && goto ` +
          `\${target}\n:shell\nshell\n`,
        `#!ipxe\nmenu Boot\nitem text Text\n     ^^^^ ${RULE}\nchoose type\ngoto deb_\${type}\n:deb_graphical\n`,
      ],
      good: [
        '#!ipxe\nmenu Boot\nitem fcos F\nchoose target && goto ${target}\n:fcos\n',
        // The failure of this goto is handled: the items name scripts, not labels.
        '#!ipxe\nmenu Boot\nitem debian D\nchoose menu\ngoto ${menu} ||\nchain ${menu}.ipxe\n',
        // Another menu's choice is the goto target.
        '#!ipxe\nmenu A\nitem x X\nchoose a\nmenu B\nitem y Y\nchoose b && goto ${b}\n:y\n',
        '#!ipxe\nmenu Boot\nitem --gap Section\nitem fcos F\nchoose t && goto ${t}\n:fcos\n',
      ],
    });
  });
});

describe(`${RULE}: a goto before the choose`, () => {
  it('pairs a choice only with the gotos that follow it (a `goto ${menu}` at the top reads the parent’s value)', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [],
      good: [
        '#!ipxe\ngoto ${menu}\n:kali\nmenu Kali\nitem current Current\nchoose menu || exit\ngoto ${menu} ||\nchain ${menu}.ipxe\n',
      ],
    });
  });
});
