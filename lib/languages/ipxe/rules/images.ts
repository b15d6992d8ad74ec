import type { Problem } from '../../../core/problem';
import { basename } from 'node:path';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { Command, IpxeScript } from '../ast';
import { splitArgs } from '../args';
import { COMMANDS } from '../catalog';
import { modelOf } from '../model';

const KERNEL_COMMANDS = new Set(['kernel', 'imgselect', 'imgload', 'chain', 'boot', 'imgexec', 'imgargs']);
const INITRD_COMMANDS = new Set(['initrd', 'imgfetch', 'module']);

/** The name iPXE gives a fetched image: `--name`, else the last path segment of the URI. */
export function imageName(command: Command): string | undefined {
  const { options, positional } = splitArgs(command);
  return options.get('name')?.text ?? positional[0]?.text.split(/[/?#]/).filter(Boolean).at(-1);
}

export const initrdNameMismatch: Rule<IpxeScript> = {
  id: 'ipxe.initrdNameMismatch',
  language: 'ipxe',
  severity: 'warning',
  summary: 'The kernel line says `initrd=<name>` but no image of that name is loaded: the kernel finds no initramfs.',
  example: '#!ipxe\nkernel http://nas/vmlinuz initrd=main\ninitrd --name initrd http://nas/initrd.img\nboot',
  fix: 'Make `initrd=` match the `--name` (or file name) of the initrd line.',
  levelWhy:
    'Warning: an `initrd=` that names no loaded image is a mistake; under UEFI with iPXE before 2.0 or Linux before 5.7 the kernel boots without its initramfs, elsewhere the argument is ignored.',
  check(script, text) {
    const model = modelOf(script, text);
    const loaded = model.commands
      .filter(({ command }) => INITRD_COMMANDS.has(command.name.text))
      .map(({ command }) => imageName(command));
    const names = loaded.filter((n): n is string => Boolean(n));
    const known = new Set(names);
    const problems: Problem[] = [];
    // iPXE's file of all initrds is `initrd.magic`; any other `….magic` is a misremembered name (even in a `set`).
    for (const { command } of model.commands) {
      if (!KERNEL_COMMANDS.has(command.name.text) && command.name.text !== 'set') continue;
      for (const arg of command.args) {
        const magic = /^initrd=(?:.*,)?([^,]+\.magic)(?:,|$)/.exec(arg.text);
        if (!magic || magic[1] === 'initrd.magic' || known.has(magic[1] as string)) continue;
        const start = arg.start + arg.text.indexOf(magic[1] as string);
        problems.push({
          ruleId: this.id,
          start,
          end: start + (magic[1] as string).length,
          message: `\`${magic[1]}\` is not an image: iPXE's file of all loaded initrds is \`initrd.magic\` (UEFI builds after 1.21.1, every 2.x). Under UEFI with iPXE before 2.0 or Linux before 5.7 the kernel finds no initramfs. Did you mean \`initrd.magic\`?`,
          fixes: [
            {
              title: 'Change to `initrd.magic`',
              edits: [{ start, end: start + (magic[1] as string).length, newText: 'initrd.magic' }],
              preferred: true,
            },
          ],
        });
      }
    }
    // Names built from settings are only known at boot time.
    if (names.some((n) => n.includes('${'))) return problems;
    for (const { command } of model.commands) {
      if (!KERNEL_COMMANDS.has(command.name.text)) continue;
      for (const arg of command.args) {
        if (!arg.text.startsWith('initrd=')) continue;
        const match = /^initrd=(.+)$/.exec(arg.text);
        if (!match) continue;
        for (const wanted of (match[1] as string).split(',')) {
          // `initrd.magic` is iPXE's own file of all loaded initrds (UEFI builds after 1.21.1, every 2.x).
          if (wanted.includes('${') || known.has(wanted) || wanted.endsWith('.magic')) continue;
          const suggestion = didYouMean(wanted, names);
          problems.push({
            ruleId: this.id,
            start: arg.start + 'initrd='.length,
            end: arg.end,
            message: names.length
              ? `No initrd named \`${wanted}\` is loaded (loaded: ${[...known].join(', ')}): under UEFI with iPXE before 2.0 or Linux before 5.7 the kernel boots without its initramfs${suggestion ? `. Did you mean \`${suggestion}\`?` : '. Name the image (`initrd --name …`) or use its file name; `initrd=` takes a name, not a URL.'}`
              : `\`initrd=${wanted}\` but no initrd is loaded: add \`initrd --name ${wanted} <url>\`.`,
            ...(suggestion
              ? {
                  fixes: [
                    {
                      title: `Change to \`initrd=${suggestion}\``,
                      edits: [{ start: arg.start, end: arg.end, newText: `initrd=${suggestion}` }],
                      preferred: true,
                    },
                  ],
                }
              : {}),
          });
        }
      }
    }
    return problems;
  },
};

const URLISH = /(https?|tftp|ftp)(:|\/\/)/i;

export const badUrl: Rule<IpxeScript> = {
  id: 'ipxe.badUrl',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A URL with a broken shape (`http:/host`, `http//host`, no host, a bad port): the download fails.',
  example: '#!ipxe\nchain http:/192.168.255.2/boot.ipxe',
  fix: 'Write it as `http://host[:port]/path`.',
  levelWhy:
    'Warning: the download fails when the line runs; often on a fallback path, and a URL can be fixed up by a setting at boot time, so not an error.',
  check(script, text) {
    const problems: Problem[] = [];
    for (const { command } of modelOf(script, text).commands) {
      for (const arg of command.args) {
        // A URL on its own, or as a kernel argument's value (`ignition.config.url=http://…`).
        if (!URLISH.test(arg.text)) continue;
        const value = arg.text.replace(/^[\w.-]+=/, '');
        const offset = arg.text.length - value.length;
        if (!/^(https?|tftp|ftp)(:|\/\/)/i.test(value)) continue;
        const problem = urlProblem(value);
        if (problem)
          problems.push({
            ruleId: this.id,
            start: arg.start + offset,
            end: arg.end,
            message: `${problem} Write it as \`scheme://host[:port]/path\`.`,
          });
      }
    }
    return problems;
  },
};

function urlProblem(url: string): string | undefined {
  const m = /^(\w+)(:?)(\/*)(.*)$/.exec(url);
  if (!m) return undefined;
  const [, scheme, colon, slashes, rest] = m as unknown as [string, string, string, string, string];
  if (!colon) return `\`${scheme}//…\` is missing the colon after \`${scheme}\`.`;
  if (slashes.length !== 2) return `\`${scheme}:${slashes}…\` needs exactly two slashes after the colon.`;
  const authority = rest.split(/[/?#]/)[0] ?? '';
  if (!authority) return 'The URL has no host.';
  const host = authority.replace(/^[^@]*@/, '');
  const port = /:(\d*)$/.exec(host);
  if (port && !host.includes('${') && (port[1] === '' || Number(port[1]) > 65535))
    return `\`${port[1] || '(empty)'}\` is not a valid port.`;
  return undefined;
}

const DHCP_SETTINGS = new Set(['root-path', 'filename', 'next-server']);
const CONFIGURES = new Set(['dhcp', 'ifconf', 'autoboot']);

export const dhcpBeforeChain: Rule<IpxeScript> = {
  id: 'ipxe.dhcpBeforeChain',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'A DHCP-provided setting (`${root-path}`, `${filename}`, `${next-server}`) is used before `dhcp` in an embedded script (or in one that runs `dhcp` only later): it is still empty.',
  example: '#!ipxe\nchain ${root-path}\ndhcp',
  fix: 'Run `dhcp` first (e.g. `dhcp && chain ${root-path}`).',
  levelWhy:
    'Warning: the fetch gets an empty URL; reported only where the script shows it configures the network itself (an `embed` script, or `dhcp` further down), since a downloaded script already has the DHCP settings.',
  check(script, text, context) {
    const model = modelOf(script, text);
    const configures = model.commands
      .filter(({ command }) => CONFIGURES.has(command.name.text))
      .map(({ command }) => command.start);
    const embedded = /embed/i.test(basename(context.path ?? ''));
    const problems: Problem[] = [];
    for (const ref of model.refs) {
      // Only where it decides what is fetched or booted; showing an empty value in a menu is harmless.
      const traits = COMMANDS.get(ref.command.name.text)?.traits ?? [];
      if (!DHCP_SETTINGS.has(ref.name) || !(traits.includes('fetch') || traits.includes('boot'))) continue;
      if (configures.some((at) => at < ref.start)) continue;
      // The script gave it a value itself (`set filename …`, `read netX/root-path`).
      if (model.defs.some((d) => d.name === ref.name && d.command.start < ref.start)) continue;
      const later = configures.find((at) => at > ref.start);
      if (!embedded && later === undefined) continue;
      problems.push({
        ruleId: this.id,
        start: ref.start,
        end: ref.end,
        message: `\`\${${ref.name}}\` comes from DHCP, but ${later === undefined ? 'this embedded script runs no `dhcp` before this line' : '`dhcp` runs only further down'}: the setting is still empty here. Run \`dhcp\` first.`,
      });
      break;
    }
    return problems;
  },
};
