import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.unknownSettingType';

describe(RULE, () => {
  it('flags types iPXE does not know', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [`#!ipxe\necho \${net0/mac:hexdash}\n                ^^^^^^^ ${RULE}\n`],
      good: ['#!ipxe\necho ${net0/mac:hexhyp} ${uuid:uuid} ${209:string} ${ip:ipv4}\n'],
    });
  });
});
