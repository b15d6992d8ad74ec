import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { pxelinuxRule } from './shared';
import { UBOOT_KEYWORDS } from '../catalog';
import { topLevel, usesMenuModule } from '../structure';

const DESIGN = new Set(['title', 'label', 'background', 'color', 'colour', 'begin', 'resolution']);

export const menuWithoutUi = pxelinuxRule({
  id: 'pxelinux.menuWithoutUi',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'MENU directives in a config that never starts menu.c32 or vesamenu.c32 (no UI line): SYSLINUX shows its plain boot: prompt instead.',
  example: 'DEFAULT fcos\nMENU TITLE Boot menu\nLABEL fcos\n  MENU LABEL Fedora CoreOS',
  fix: 'Add `UI menu.c32` (or `UI vesamenu.c32`) above the first LABEL, with the module beside the loader.',
  levelWhy:
    'Warning: every entry still boots by name, but the menu its author designed never appears; the machine sits at boot: ' +
    'or boots DEFAULT at once. Only checked in a config SYSLINUX reads first and that INCLUDEs ' +
    'nothing.',
  check(config, _text, context) {
    if (!topLevel(context) || /extlinux\.conf$/i.test(context.path ?? '') || usesMenuModule(config)) return [];
    // U-Boot reads MENU TITLE itself; an INCLUDEd file may hold the UI line.
    if (
      config.directives.some(
        (d) =>
          UBOOT_KEYWORDS.has(d.name) ||
          d.name === 'include' ||
          (d.name === 'menu' && d.sub?.text.toLowerCase() === 'include'),
      )
    )
      return [];
    // A menu was designed (a title, entry names, colours); a lone MENU HIDE in a prompt config is harmless.
    const first = config.directives.find((d) => d.name === 'menu' && DESIGN.has(d.sub?.text.toLowerCase() ?? ''));
    const top = config.directives[0];
    if (!first?.sub || !top) return [];
    // Flagged at the top, where the missing UI line goes; vesamenu.c32 when the design needs graphics.
    const module = config.directives.some(
      (d) => d.name === 'menu' && /^(background|resolution)$/i.test(d.sub?.text ?? ''),
    )
      ? 'vesamenu.c32'
      : 'menu.c32';
    const problems: Problem[] = [];
    problems.push(
      report(
        this,
        { start: top.keyword.start, end: top.keyword.end },
        `This config has a menu design (MENU ${first.sub.text.toUpperCase()} and more) but never starts menu.c32 or ` +
          `vesamenu.c32 (no \`UI ${module}\`): SYSLINUX shows its plain boot: prompt and ignores every ` +
          `MENU line.`,
        {
          fixes: [
            { title: `Add \`UI ${module}\``, edits: [{ start: top.start, end: top.start, newText: `UI ${module}\n` }] },
          ],
        },
      ),
    );
    return problems;
  },
});
