import { describe, expect, it } from 'vitest';
import { lintFixture } from '../../helpers/markers';

describe('routeros.unbalancedBracket', () => {
  const RULE = 'routeros.unbalancedBracket';
  it('reports every unbalanced bracket, not just the first', () => {
    const r = lintFixture(
      'dhcp.rsc',
      `/ip dhcp-server network
set [ find address=192.168.255.0/24 next-server=192.168.255.2
    ^ ${RULE}
:if (true) do={ :put "a" ]
                         ^ ${RULE}
:put "ok" }
:put "x" )
         ^ ${RULE}
`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
  });

  it('ignores brackets inside strings and comments', () => {
    const text = '# [ comment\n:put "[ not a bracket {"\n:local a [:len "x]"]\n';
    expect(lintFixture('x.rsc', text, RULE).actual).toEqual([]);
  });
});

describe('routeros.unterminatedString', () => {
  const RULE = 'routeros.unterminatedString';
  it('points at the opening quote of a string that never closes', () => {
    const r = lintFixture(
      'x.rsc',
      `/ip dhcp-server option\nadd code=67 name=boot value="'lpxelinux.0'\n                            ^ ${RULE}\n`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
  });

  it('accepts escaped quotes, option expressions and strings continued over lines', () => {
    const text =
      'add code=66 value="\'192.168.255.2\'"\n:put "a \\"quoted\\" word"\n:put "long \\\n   line"\nadd code=12 value="s\'node1\'"\n';
    expect(lintFixture('x.rsc', text, RULE).actual).toEqual([]);
  });
});
