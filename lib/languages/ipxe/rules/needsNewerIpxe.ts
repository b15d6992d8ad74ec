import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { COMMANDS } from '../catalog';
import { factsOf } from '../facts';
import { ipxeRule, isInitrdArgument, spanOf } from './shared';

const OLD =
  'iPXE 1.21.1 and older (the last 1.x release, still what many distributions ship as undionly.kpxe and ipxe.efi)';

export const needsNewerIpxe = ipxeRule({
  id: 'ipxe.needsNewerIpxe',
  language: 'ipxe',
  severity: 'info',
  summary:
    'A command or file that only newer iPXE builds have (`imgextract`, `shim`: 2.0; `initrd=initrd.magic`: UEFI builds ' +
    'after 1.21.1): an older iPXE fails there.',
  example: '#!ipxe\nshim http://nas/shimx64.efi\nchain http://nas/grubx64.efi',
  fix: 'Boot an iPXE 2.0 or later build, or avoid the feature where old builds are in use.',
  levelWhy:
    'Info: correct on the iPXE the script was written for; only a fact about older builds that the linter cannot see.',
  check(script) {
    const problems: Problem[] = [];
    const text = script.text;
    for (const [name, commands] of factsOf(script).named) {
      const since = COMMANDS.get(name)?.since;
      for (const command of commands) {
        const first = script.commandFirst[command] as number;
        if (since) {
          problems.push(
            report(
              this,
              spanOf(script, first),
              `\`${name}\` exists in iPXE ${since} and later: ${OLD} answer "command not found" ` +
                'and the script stops.',
            ),
          );
        }
        for (let word = first + 1; word < first + (script.commandWords[command] as number); word++) {
          // Most words are not `initrd=…`: their first letter says so without making their string.
          if (text.charCodeAt(script.wordStart[word] as number) !== 105 /* i */) continue;
          const arg = script.wordText(word);
          if (!isInitrdArgument(arg) || !/^initrd=(?:.*,)?initrd\.magic(?:,|$)/.test(arg)) continue;
          problems.push(
            report(
              this,
              spanOf(script, word),
              `\`initrd.magic\` is provided by UEFI builds of iPXE after 1.21.1 (every 2.x): under UEFI with ${OLD} ` +
                'the kernel finds no such file. Naming the initrd image (`initrd=<name>`) works on every version.',
            ),
          );
        }
      }
    }
    return problems;
  },
});
