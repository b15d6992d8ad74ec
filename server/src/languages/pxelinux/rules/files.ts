import { join } from 'node:path';
import { imageArtifact, type RuleContext } from '../../../core/context';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { Directive, PxelinuxConfig, Word } from '../ast';
import { localPath, tftpRootOf, urlHost } from '../paths';

/** Keywords whose argument names a file to fetch. */
const FILE_KEYWORDS = new Set(['kernel', 'linux', 'boot', 'bss', 'pxe', 'fdimage', 'comboot', 'com32', 'config', 'initrd', 'ui', 'include', 'display', 'font', 'kbdmap']);

/** The files a directive names (INITRD may list several, comma separated). */
function namedFiles(d: Directive): Word[] {
  const arg = d.name === 'menu' && d.sub?.text.toLowerCase() === 'include' ? d.argument : FILE_KEYWORDS.has(d.name) ? d.argument : undefined;
  if (!arg) return [];
  const first = arg.text.split(/\s+/)[0] as string;
  const names = d.name === 'initrd' ? first.split(',') : [first];
  const words: Word[] = [];
  let offset = arg.start;
  for (const name of names) {
    words.push({ text: name, start: offset, end: offset + name.length });
    offset += name.length + 1;
  }
  return words;
}

/** initrd= values inside APPEND lines. */
function appendInitrds(d: Directive): Word[] {
  if (d.name !== 'append' || !d.argument) return [];
  const words: Word[] = [];
  for (const m of d.argument.text.matchAll(/(?:^|\s)initrd=(\S+)/g)) {
    let offset = d.argument.start + (m.index ?? 0) + m[0].length - (m[1] as string).length;
    for (const name of (m[1] as string).split(',')) {
      words.push({ text: name, start: offset, end: offset + name.length });
      offset += name.length + 1;
    }
  }
  return words;
}

function fileWords(config: PxelinuxConfig): Word[] {
  return config.directives.flatMap((d) => [...namedFiles(d), ...appendInitrds(d)]);
}

export const missingFile: Rule<PxelinuxConfig> = {
  id: 'pxelinux.missingFile',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'A kernel, initrd, module or included file that is not in the TFTP root (or, for an http:// URL, not in the folder the site serves).',
  example: 'LABEL fcos\n  KERNEL fedora-coreos/vmlinuz-typo',
  fix: 'Correct the name, or put the file in the TFTP root (paths are relative to it, not to pxelinux.cfg/).',
  check(config, _text, context) {
    if (!context.files || !tftpRootOf(context)) return [];
    const problems: Problem[] = [];
    for (const word of fileWords(config)) {
      const path = localPath(word.text, context);
      // Image-updater artifacts (git-ignored) are the boot chain's to report, as information.
      if (!path || context.files.exists(path) || imageArtifact(context.site, path)) continue;
      problems.push({ ruleId: this.id, start: word.start, end: word.end, message: `\`${word.text}\` is not there: looked for ${path}. Names are relative to the TFTP root (${tftpRootOf(context) ?? 'unknown'}).` });
    }
    return problems;
  },
};

function loaders(context: RuleContext): Set<string> {
  const root = tftpRootOf(context);
  return new Set((root && context.files?.list(root)) || []);
}

function urls(config: PxelinuxConfig): Word[] {
  return fileWords(config).filter((w) => /^(https?|ftp):\/\//i.test(w.text));
}

export const httpNeedsLpxelinux: Rule<PxelinuxConfig> = {
  id: 'pxelinux.httpNeedsLpxelinux',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'http:// or ftp:// paths while the TFTP root only has plain pxelinux.0, which fetches over TFTP only.',
  example: 'LABEL fcos\n  KERNEL http://192.168.255.2/tftp/vmlinuz',
  fix: 'Boot lpxelinux.0 instead (same package; DHCP option 67), or use TFTP paths.',
  check(config, _text, context) {
    const files = loaders(context);
    if (!files.has('pxelinux.0') || files.has('lpxelinux.0') || files.has('syslinux.efi')) return [];
    return urls(config).map((w) => ({ ruleId: this.id, start: w.start, end: w.end, message: 'pxelinux.0 cannot fetch http:// or ftp:// URLs: boot lpxelinux.0 (it is beside it in the pxelinux package) or use a TFTP path.' }));
  },
};

export const efiHttpHost: Rule<PxelinuxConfig> = {
  id: 'pxelinux.efiHttpHost',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'syslinux.efi fetches http:// URLs from the TFTP server\'s address, whatever host the URL names (Debian bug #907805).',
  example: 'LABEL fcos\n  KERNEL http://192.168.255.9/fcos/vmlinuz',
  fix: 'Serve the files over HTTP from the TFTP server itself, or give UEFI machines iPXE instead.',
  check(config, _text, context) {
    const server = context.site?.tftpServer;
    if (!server || !loaders(context).has('syslinux.efi')) return [];
    return urls(config)
      .filter((w) => urlHost(w.text) && urlHost(w.text) !== server)
      .map((w) => ({
        ruleId: this.id,
        start: w.start,
        end: w.end,
        message: `Under UEFI, syslinux.efi asks the TFTP server (${server}) for this, not ${urlHost(w.text)} (Debian bug #907805): serve it from ${server} or boot UEFI machines with iPXE.`,
      }));
  },
};

/** Modules a UI module loads in SYSLINUX 6 (BIOS). */
const DEPENDENCIES: Record<string, string[]> = {
  'menu.c32': ['libutil.c32'],
  'vesamenu.c32': ['libutil.c32', 'libcom32.c32'],
  'hdt.c32': ['libmenu.c32', 'libutil.c32', 'libgpl.c32', 'libcom32.c32'],
  'chain.c32': ['libcom32.c32', 'libutil.c32'],
};

export const missingModule: Rule<PxelinuxConfig> = {
  id: 'pxelinux.missingModule',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'A .c32/.e64 module the loader needs (ldlinux, the UI module and its libraries) is not beside it in the TFTP root.',
  example: 'UI menu.c32   # but libutil.c32 was never copied',
  fix: 'Copy it from the syslinux packages (/usr/lib/syslinux/modules/bios/ for BIOS, …/efi64/ for UEFI) into the TFTP root.',
  check(config, _text, context) {
    const root = tftpRootOf(context);
    if (!root || !context.files) return [];
    const present = loaders(context);
    if (!['lpxelinux.0', 'pxelinux.0', 'syslinux.efi'].some((loader) => present.has(loader))) return [];
    const problems: Problem[] = [];
    const need = (module: string, at: { start: number; end: number }, why: string): void => {
      if (present.has(module) || context.files?.exists(join(root, module))) return;
      problems.push({ ruleId: this.id, ...at, message: `${module} is not in the TFTP root (${root}), but ${why}. Copy it from the syslinux package.` });
    };
    const first = config.directives[0];
    const top = first ? { start: first.keyword.start, end: first.keyword.end } : { start: 0, end: 0 };
    if (present.has('lpxelinux.0') || present.has('pxelinux.0')) need('ldlinux.c32', top, 'the BIOS loader loads it first');
    if (present.has('syslinux.efi')) need('ldlinux.e64', top, 'syslinux.efi loads it first');
    for (const d of config.directives) {
      const module = (d.name === 'ui' || d.name === 'com32' || (d.name === 'kernel' && d.argument?.text.endsWith('.c32'))) && d.argument ? (d.argument.text.split(/\s+/)[0] as string) : undefined;
      if (!module || module.includes('/')) continue;
      const at = { start: d.argument!.start, end: d.argument!.start + module.length };
      for (const dependency of DEPENDENCIES[module.toLowerCase()] ?? []) need(dependency, at, `${module} loads it`);
    }
    return problems;
  },
};
