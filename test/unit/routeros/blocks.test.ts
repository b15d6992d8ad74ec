import { describe, expect, it } from 'vitest';
import { checkRule, flagged, lintFixture } from '../../helpers/markers';

/** Issue #20, class 2: commands inside `{ … }` blocks and quoted scripts are checked, at their place in the file. */
describe('RouterOS commands inside blocks', () => {
  const RULE = 'routeros.unknownCommand';
  it('checks do=, :foreach, :if/else, :do, source={…}, on-event={…} and function bodies', () => {
    checkRule(RULE, 'a.rsc', {
      bad: [
        `:if ($a = 1) do={\n    /system/scirpt/run backup\n            ^^^^^^ ${RULE}\n}`,
        `:foreach i in=[/ip address find] do={ /system scirpt run x }\n                                              ^^^^^^ ${RULE}`,
        `:if (true) do={ :put "a" } else={\n    /ip dhcp-server optoin print\n                    ^^^^^^ ${RULE}\n}`,
        `:do {\n    :putt "x"\n    ^^^^^ ${RULE}\n} on-error={ :log warning "failed" }`,
        `/system script add name=b source={\n    /system scirpt run x\n            ^^^^^^ ${RULE}\n}`,
        `/system scheduler add name=n interval=1d on-event={ /system scirpt run x }\n                                    ` +
          `                        ^^^^^^ ${RULE}`,
        `:local f do={\n    :retrun $1\n    ^^^^^^^ ${RULE}\n}`,
        `:local x [/system/scirpt/find name=a]\n                  ^^^^^^ ${RULE}`,
      ],
      good: [
        ':if ($a = 1) do={\n    /system/script/run backup\n} else={ :log info "no" }',
        ':local Beeps {\n  { 660; 100 }; 150; { 510; 100 }\n}\n:foreach n in={"a";"b"} do={ :put $n }',
        ':set $played ($played,{{0;$lnms}})',
      ],
    });
  });

  it('reads a block in the menu it runs in: a menu block in its menu, a stored script from the root', () => {
    const text =
      '/ip firewall filter {\n    add chain=input action=accept\n}\n/ip pool\n:if (true) do={ add name=p ' +
      'ranges=10.0.0.2-10.0.0.9 }\n/system script add name=s source={ add name=x }\n';
    // The last `add` runs from the root menu, where RouterOS has no command add.
    expect(flagged(RULE, 'a.rsc', text)).toEqual(['add']);
    expect(lintFixture('a.rsc', text, RULE).findings[0]!.start).toBe(text.lastIndexOf('add'));
  });

  it('takes scripting commands without `:` inside /{ … } blocks, as RouterOS does', () => {
    const text =
      '/{\n    local wan "ether1"\n    put $wan\n    if ($wan != "") do={ put "ok" }\n    :foreach i in={1;2} do={ put $i }\n}\n';
    expect(flagged(RULE, 'a.rsc', text)).toEqual([]);
  });

  it('reports a quoted script (source="…", on-event="…") under its own warning rule, at the word in the file', () => {
    const STORED = 'routeros.unknownInStoredScript';
    const text = [
      '/system script add name=a source=":local n \\"x\\"\\r\\n/system scirpt run \\$n\\r\\n"',
      '/system scheduler add name=b interval=1d on-event="/system scirpt run a"',
      '/system script add name=c source="/system/script/run \\\\\n    a"',
    ].join('\n');
    expect(flagged(STORED, 'a.rsc', text)).toEqual(['scirpt', 'scirpt']);
    expect(flagged(RULE, 'a.rsc', text)).toEqual([]);
    expect(lintFixture('a.rsc', text, STORED).findings[0]!.message).toContain('fails here each time it runs');
  });
});
