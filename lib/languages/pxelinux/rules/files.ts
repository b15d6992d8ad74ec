import { basename, dirname, join } from 'node:path';
import { imageArtifact, type RuleContext } from '../../../core/ruleContext';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { Directive, PxelinuxConfig, Word } from '../ast';
import { loaderInfo, tftpRootKnown } from '../loader';
import { localPath, tftpRootOf, urlHost } from '../paths';

/** Keywords whose argument names a file to fetch. */
const FILE_KEYWORDS = new Set([
  'kernel',
  'linux',
  'boot',
  'bss',
  'pxe',
  'fdimage',
  'comboot',
  'com32',
  'config',
  'initrd',
  'ui',
  'include',
  'display',
  'font',
  'kbdmap',
]);

/** The files a directive names (INITRD may list several, comma separated). */
function namedFiles(d: Directive): Word[] {
  const arg =
    d.name === 'menu' && d.sub?.text.toLowerCase() === 'include'
      ? d.argument
      : FILE_KEYWORDS.has(d.name)
        ? d.argument
        : undefined;
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

/** The local path of each file a word names (URLs outside the site and placeholders have none). */
function located(words: Word[], context: RuleContext): { word: Word; path: string }[] {
  return words.flatMap((word) => {
    const path = localPath(word.text, context);
    return path ? [{ word, path }] : [];
  });
}

export const missingFile: Rule<PxelinuxConfig> = {
  id: 'pxelinux.missingFile',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'A kernel, initrd, module or included file that is not in the TFTP root (or, for an http:// URL, not in the folder the site serves).',
  example: 'LABEL fcos\n  KERNEL fedora-coreos/vmlinuz-typo',
  fix: 'Correct the name, or put the file in the TFTP root (paths are relative to it, not to pxelinux.cfg/).',
  levelWhy:
    'Warning: the entry fails to boot if the file is missing on the server too, but the linter sees only this tree. Without a site file it speaks only in a TFTP root (a loader or modules in it) and only of a near miss (a similar name in that folder) or of an entry whose other files are there.',
  check(config, _text, context) {
    const root = tftpRootOf(context);
    const files = context.files;
    if (!files || !root || !tftpRootKnown(context)) return [];
    const all = fileWords(config);
    // `../` names only work under a DHCP path prefix (option 210) below the root, which the linter cannot see.
    if (all.some((w) => /^\.\.\//.test(w.text))) return [];
    const declared = context.site?.tftpRoot === root;
    // An entry with some of its files in the tree is served from it: its other files should be there too.
    const populated = new Set<number>();
    for (const label of config.labels) {
      const entry = located(
        label.directives.flatMap((d) => [...namedFiles(d), ...appendInitrds(d)]),
        context,
      );
      if (entry.some((e) => files.exists(e.path))) entry.forEach((e) => populated.add(e.word.start));
    }
    const problems: Problem[] = [];
    for (const { word, path } of located(all, context)) {
      // Image-updater artifacts (git-ignored) are the boot chain's to report, as information.
      if (files.exists(path) || imageArtifact(context.site, path)) continue;
      // Without a site file, kernels and modules may be put in at build or deploy time: speak only of a near miss.
      const near = didYouMean(
        basename(path),
        (files.list(dirname(path)) ?? []).filter((n) => n !== basename(path)),
      );
      if (!declared && !near && !populated.has(word.start)) continue;
      const hint = near ? ` Did you mean \`${near}\` (it is in that folder)?` : '';
      const fixed =
        near && word.text.endsWith(basename(path))
          ? word.text.slice(0, word.text.length - basename(path).length) + near
          : undefined;
      problems.push({
        ruleId: this.id,
        start: word.start,
        end: word.end,
        message: `\`${word.text}\` is not there: looked for ${path}. Names are relative to the TFTP root (${root}).${hint}`,
        ...(fixed
          ? {
              fixes: [
                {
                  title: `Change to \`${fixed}\``,
                  edits: [{ start: word.start, end: word.end, newText: fixed }],
                  preferred: true,
                },
              ],
            }
          : {}),
      });
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
  levelWhy:
    'Warning: pxelinux.0 (5.x/6.x) has no HTTP client, so the entry fails; not an error because DHCP may hand out a loader this tree does not hold.',
  check(config, _text, context) {
    const files = loaders(context);
    if (!files.has('pxelinux.0') || files.has('lpxelinux.0') || files.has('syslinux.efi')) return [];
    return urls(config).map((w) => ({
      ruleId: this.id,
      start: w.start,
      end: w.end,
      message:
        'pxelinux.0 cannot fetch http:// or ftp:// URLs: boot lpxelinux.0 (it is beside it in the pxelinux package) or use a TFTP path.',
    }));
  },
};

export const efiHttpHost: Rule<PxelinuxConfig> = {
  id: 'pxelinux.efiHttpHost',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    "syslinux.efi fetches http:// URLs from the TFTP server's address, whatever host the URL names (Debian bug #907805).",
  example: 'LABEL fcos\n  KERNEL http://192.168.255.9/fcos/vmlinuz',
  fix: 'Serve the files over HTTP from the TFTP server itself, or give UEFI machines iPXE instead.',
  levelWhy:
    'Warning: UEFI machines ask the wrong host and the entry fails there, while BIOS machines booting lpxelinux.0 from the same config work.',
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

/** Libraries a module loads in SYSLINUX 5.00 and later (ELF modules); 3.x/4.x modules are self-contained. */
const DEPENDENCIES: Record<string, string[]> = {
  'menu.c32': ['libutil.c32'],
  'vesamenu.c32': ['libutil.c32', 'libcom32.c32'],
  'hdt.c32': ['libmenu.c32', 'libutil.c32', 'libgpl.c32', 'libcom32.c32'],
  'chain.c32': ['libcom32.c32', 'libutil.c32'],
};

/** Where the 5.x/6.x core looks for ldlinux.c32 after its own folder (core/elflink/load_env32.c). */
const LDLINUX_DIRS = ['', 'boot/isolinux', 'isolinux', 'boot/syslinux', 'syslinux'];

export const missingModule: Rule<PxelinuxConfig> = {
  id: 'pxelinux.missingModule',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    "A .c32/.e64 module a SYSLINUX 5.00+ loader needs (ldlinux, the UI module's libraries) is not in the TFTP root.",
  example: 'UI menu.c32   # beside PXELINUX 6.03, but libutil.c32 was never copied',
  fix: 'Copy it from the same syslinux version (/usr/lib/syslinux/modules/bios/ for BIOS, …/efi64/ for UEFI) into the TFTP root.',
  levelWhy:
    'Warning: without ldlinux.c32 a 5.x/6.x loader stops before the menu, and without a library the menu does not start; it is not an error because the linter sees only this tree, not the server.',
  check(config, _text, context) {
    const info = loaderInfo(context);
    if (!info || !context.files || info.loaders.length === 0 || (info.major ?? 0) < 5) return [];
    const { root } = info;
    const which = info.version ?? 'lpxelinux.0/syslinux.efi (SYSLINUX 5.10 and later)';
    const problems: Problem[] = [];
    const has = (module: string, dirs: string[]): boolean =>
      dirs.some((dir) => context.files?.exists(join(root, ...dir.split('/').filter(Boolean), module)));
    const first = config.directives[0];
    const top = first ? { start: first.keyword.start, end: first.keyword.end } : { start: 0, end: 0 };
    const core = (module: string, loader: string): void => {
      if (has(module, LDLINUX_DIRS)) return;
      problems.push({
        ruleId: this.id,
        ...top,
        message: `${loader} (${which}) loads ${module} before it reads this config, and it is in none of the folders it tries (${root}, /boot/isolinux, /isolinux, /boot/syslinux, /syslinux): copy ${module} of the same version beside the loader.`,
      });
    };
    if (info.loaders.some((l) => l.endsWith('.0') || l === 'isolinux.bin'))
      core('ldlinux.c32', info.loaders.includes('isolinux.bin') ? 'isolinux.bin' : 'The BIOS loader');
    if (info.loaders.includes('syslinux.efi')) core('ldlinux.e64', 'syslinux.efi');
    for (const d of config.directives) {
      const module =
        (d.name === 'ui' || d.name === 'com32' || (d.name === 'kernel' && d.argument?.text.endsWith('.c32'))) &&
        d.argument
          ? (d.argument.text.split(/\s+/)[0] as string)
          : undefined;
      if (!module || module.includes('/')) continue;
      const at = { start: d.argument!.start, end: d.argument!.start + module.length };
      for (const dependency of DEPENDENCIES[module.toLowerCase()] ?? []) {
        if (has(dependency, [''])) continue;
        problems.push({
          ruleId: this.id,
          ...at,
          message: `${dependency} is not in the TFTP root (${root}), but ${module} of SYSLINUX 5.00 and later (here ${which}) loads it: copy it from the same syslinux version.`,
        });
      }
    }
    return problems;
  },
};
