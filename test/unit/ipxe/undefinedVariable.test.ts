import { describe, expect, it } from 'vitest';
import { checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.undefinedVariable';

describe(RULE, () => {
  it('flags settings never set and not built in, once per name', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [`#!ipxe\nchain http://\${sever}/boot.ipxe || chain http://\${sever}/b\n               ^^^^^ ${RULE}\n`],
      good: [
        '#!ipxe\nset server nas\nchain http://${server}/boot.ipxe ||\n',
        '#!ipxe\nset idx 0\necho ${net0/mac} ${ip} ${smbios/uuid} ${buildarch} ${67} ${net${idx}/mac} ${pci/3.0.2}\n',
        '#!ipxe\nchoose target && goto ${target}\n',
        '#!ipxe\nread answer\necho ${answer}\n',
      ],
    });
    expect(lintFixture('a.ipxe', '#!ipxe\necho ${x} ${x}\n', RULE).findings[0]!.message).toContain('used 2 times');
  });
});
