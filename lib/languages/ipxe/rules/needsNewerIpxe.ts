import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { COMMANDS } from '../catalog';
import { modelOf } from '../model';
import { ipxeRule, isInitrdArgument } from './shared';

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
  check(script, text) {
    const problems: Problem[] = [];
    for (const [name, commands] of modelOf(script, text).named) {
      const since = COMMANDS.get(name)?.since;
      for (const command of commands) {
        if (since) {
          problems.push(
            report(
              this,
              command.name,
              `\`${command.name.text}\` exists in iPXE ${since} and later: ${OLD} answer "command not found" ` +
                'and the script stops.',
            ),
          );
        }
        for (const arg of command.args) {
          if (!isInitrdArgument(arg.text) || !/^initrd=(?:.*,)?initrd\.magic(?:,|$)/.test(arg.text)) continue;
          problems.push(
            report(
              this,
              arg,
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
