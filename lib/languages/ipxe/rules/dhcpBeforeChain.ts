import { basename } from 'node:path';
import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { hasTrait } from '../catalog';
import { commandsNamed, factsOf } from '../facts';
import { ipxeRule } from './shared';

const DHCP_SETTINGS = new Set(['root-path', 'filename', 'next-server']);
const CONFIGURES = new Set(['dhcp', 'ifconf', 'autoboot']);

export const dhcpBeforeChain = ipxeRule({
  id: 'ipxe.dhcpBeforeChain',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'A DHCP-provided setting (`${root-path}`, `${filename}`, `${next-server}`) is used before `dhcp` in an embedded ' +
    'script (or in one that runs `dhcp` only later): it is still empty.',
  example: '#!ipxe\nchain ${root-path}\ndhcp',
  fix: 'Run `dhcp` first (e.g. `dhcp && chain ${root-path}`).',
  levelWhy:
    'Warning: the fetch gets an empty URL; reported only where the script shows it configures the network itself (an ' +
    '`embed` script, or `dhcp` further down), since a downloaded script already has the DHCP ' +
    'settings.',
  check(script, _text, context) {
    const model = factsOf(script);
    const configures = commandsNamed(model, CONFIGURES).map((command) => script.commandStart(command));
    const embedded = /embed/i.test(basename(context.path ?? ''));
    const problems: Problem[] = [];
    for (const ref of model.refs) {
      // Only where it decides what is fetched or booted; showing an empty value in a menu is harmless.
      const name = script.commandName[ref.command] as string;
      if (!DHCP_SETTINGS.has(ref.name) || !(hasTrait(name, 'fetch') || hasTrait(name, 'boot'))) continue;
      if (configures.some((at) => at < ref.start)) continue;
      // The script gave it a value itself (`set filename …`, `read netX/root-path`).
      if (model.defs.some((d) => d.name === ref.name && script.commandStart(d.command) < ref.start)) continue;
      const later = configures.find((at) => at > ref.start);
      if (!embedded && later === undefined) continue;
      const why =
        later === undefined ? 'this embedded script runs no `dhcp` before this line' : '`dhcp` runs only further down';
      problems.push(
        report(
          this,
          ref,
          `\`\${${ref.name}}\` comes from DHCP, but ${why}: the setting is still empty here. Run \`dhcp\` first.`,
        ),
      );
      break;
    }
    return problems;
  },
});
