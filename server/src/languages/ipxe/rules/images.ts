import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { Command, IpxeScript } from '../ast';
import { splitArgs } from '../args';
import { COMMANDS } from '../catalog';
import { modelOf } from '../model';

const KERNEL_COMMANDS = new Set(['kernel', 'imgselect', 'imgload', 'chain', 'boot', 'imgexec']);
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
  check(script, text) {
    const model = modelOf(script, text);
    const loaded = model.commands.filter(({ command }) => INITRD_COMMANDS.has(command.name.text)).map(({ command }) => imageName(command));
    const names = loaded.filter((n): n is string => Boolean(n));
    const known = new Set(names);
    // Names built from settings are only known at boot time.
    if (names.some((n) => n.includes('${'))) return [];
    const problems: Problem[] = [];
    for (const { command } of model.commands) {
      if (!KERNEL_COMMANDS.has(command.name.text)) continue;
      for (const arg of command.args) {
        if (!arg.text.startsWith('initrd=')) continue;
        const match = /^initrd=(.+)$/.exec(arg.text);
        if (!match) continue;
        for (const wanted of (match[1] as string).split(',')) {
          if (wanted.includes('${') || known.has(wanted)) continue;
          const suggestion = didYouMean(wanted, names);
          problems.push({
            ruleId: this.id,
            start: arg.start + 'initrd='.length,
            end: arg.end,
            message: names.length
              ? `No initrd named \`${wanted}\` is loaded (loaded: ${names.join(', ')})${suggestion ? `: did you mean \`${suggestion}\`?` : '.'}`
              : `\`initrd=${wanted}\` but no initrd is loaded: add \`initrd --name ${wanted} <url>\`.`,
            ...(suggestion ? { fixes: [{ title: `Change to \`initrd=${suggestion}\``, edits: [{ start: arg.start, end: arg.end, newText: `initrd=${suggestion}` }], preferred: true }] } : {}),
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
        if (problem) problems.push({ ruleId: this.id, start: arg.start + offset, end: arg.end, message: `${problem} Write it as \`scheme://host[:port]/path\`.` });
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
  if (port && !host.includes('${') && (port[1] === '' || Number(port[1]) > 65535)) return `\`${port[1] || '(empty)'}\` is not a valid port.`;
  return undefined;
}

const DHCP_SETTINGS = new Set(['root-path', 'filename', 'next-server']);
const CONFIGURES = new Set(['dhcp', 'ifconf', 'autoboot']);

export const dhcpBeforeChain: Rule<IpxeScript> = {
  id: 'ipxe.dhcpBeforeChain',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A DHCP-provided setting (`${root-path}`, `${filename}`, `${next-server}`) is used before any `dhcp`: in an embedded script it is still empty.',
  example: '#!ipxe\nchain ${root-path}',
  fix: 'Run `dhcp` first (e.g. `dhcp && chain ${root-path}`).',
  check(script, text) {
    const model = modelOf(script, text);
    const configured = model.commands.find(({ command }) => CONFIGURES.has(command.name.text));
    const problems: Problem[] = [];
    for (const ref of model.refs) {
      // Only where it decides what is fetched or booted; showing an empty value in a menu is harmless.
      const traits = COMMANDS.get(ref.command.name.text)?.traits ?? [];
      if (!DHCP_SETTINGS.has(ref.name) || !(traits.includes('fetch') || traits.includes('boot'))) continue;
      if (configured && configured.command.start < ref.start) continue;
      problems.push({
        ruleId: this.id,
        start: ref.start,
        end: ref.end,
        message: `\`\${${ref.name}}\` comes from DHCP, but no \`dhcp\` runs before this line: in an embedded script it is still empty. Run \`dhcp\` first.`,
      });
      break;
    }
    return problems;
  },
};
