import { join } from 'node:path';
import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import type { RuleContext } from '../../../core/ruleContext';
import type { PxelinuxConfig } from '../ast';
import { loaderInfo, type LoaderInfo } from '../loader';
import { pxelinuxRule } from './shared';

/** Libraries a module loads in SYSLINUX 5.00 and later (ELF modules); 3.x/4.x modules are self-contained. */
const DEPENDENCIES: Record<string, string[]> = {
  'menu.c32': ['libutil.c32'],
  'vesamenu.c32': ['libutil.c32', 'libcom32.c32'],
  'hdt.c32': ['libmenu.c32', 'libutil.c32', 'libgpl.c32', 'libcom32.c32'],
  'chain.c32': ['libcom32.c32', 'libutil.c32'],
};

/** Where the 5.x/6.x core looks for ldlinux.c32 after its own folder (core/elflink/load_env32.c). */
const LDLINUX_DIRS = ['', 'boot/isolinux', 'isolinux', 'boot/syslinux', 'syslinux'];

export const missingModule = pxelinuxRule({
  id: 'pxelinux.missingModule',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    "A .c32/.e64 module a SYSLINUX 5.00+ loader needs (ldlinux, the UI module's libraries) is not in the TFTP root.",
  example: 'UI menu.c32   # beside PXELINUX 6.03, but libutil.c32 was never copied',
  fix: 'Copy it from the same syslinux version (/usr/lib/syslinux/modules/bios/ for BIOS, …/efi64/ for UEFI) into the TFTP root.',
  levelWhy:
    'Warning: without ldlinux.c32 a 5.x/6.x loader stops before the menu, and without a library the menu does not start; ' +
    'it is not an error because the linter sees only this tree, not the server.',
  check(config, _text, context) {
    const info = loaderInfo(context);
    if (!info || !context.files || info.loaders.length === 0 || (info.major ?? 0) < 5) return [];
    return [...missingCore(this, config, context, info), ...missingLibraries(this, config, context, info)];
  },
});

/** True when `module` is in one of `dirs` under the root. */
function has(context: RuleContext, root: string, module: string, dirs: string[]): boolean {
  return dirs.some((dir) => context.files?.exists(join(root, ...dir.split('/').filter(Boolean), module)));
}

const which = (info: LoaderInfo): string => info.version ?? 'lpxelinux.0/syslinux.efi (SYSLINUX 5.10 and later)';

/** ldlinux.c32 (BIOS, ISOLINUX) or ldlinux.e64 (UEFI), which the loader reads before the config. */
function missingCore(rule: RuleMeta, config: PxelinuxConfig, context: RuleContext, info: LoaderInfo): Problem[] {
  const { root } = info;
  const problems: Problem[] = [];
  const first = config.directives[0];
  const top = first ? { start: first.keyword.start, end: first.keyword.end } : { start: 0, end: 0 };
  const core = (module: string, loader: string): void => {
    if (has(context, root, module, LDLINUX_DIRS)) return;
    problems.push(
      report(
        rule,
        top,
        `${loader} (${which(info)}) loads ${module} before it reads this config, and it is in none of the folders it ` +
          `tries (${root}, /boot/isolinux, /isolinux, /boot/syslinux, /syslinux): copy ${module} of the same version ` +
          'beside the loader.',
      ),
    );
  };
  if (info.loaders.some((l) => l.endsWith('.0') || l === 'isolinux.bin'))
    core('ldlinux.c32', info.loaders.includes('isolinux.bin') ? 'isolinux.bin' : 'The BIOS loader');
  if (info.loaders.includes('syslinux.efi')) core('ldlinux.e64', 'syslinux.efi');
  return problems;
}

/** The libraries of the UI and COM32 modules the config starts. */
function missingLibraries(rule: RuleMeta, config: PxelinuxConfig, context: RuleContext, info: LoaderInfo): Problem[] {
  const { root } = info;
  const problems: Problem[] = [];
  for (const d of config.directives) {
    const module =
      (d.name === 'ui' || d.name === 'com32' || (d.name === 'kernel' && d.argument?.text.endsWith('.c32'))) &&
      d.argument
        ? (d.argument.text.split(/\s+/)[0] as string)
        : undefined;
    if (!module || module.includes('/')) continue;
    const at = { start: d.argument!.start, end: d.argument!.start + module.length };
    for (const dependency of DEPENDENCIES[module.toLowerCase()] ?? []) {
      if (has(context, root, dependency, [''])) continue;
      problems.push(
        report(
          rule,
          at,
          `${dependency} is not in the TFTP root (${root}), but ${module} of SYSLINUX 5.00 and later ` +
            `(here ${which(info)}) loads it: copy it from the same syslinux version.`,
        ),
      );
    }
  }
  return problems;
}
