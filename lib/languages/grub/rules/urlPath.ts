import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { fileArguments } from '../fileRefs';
import { grubRule } from './shared';

export const urlPath = grubRule({
  id: 'grub.urlPath',
  language: 'grub',
  severity: 'error',
  summary: 'A file given as a URL (`http://host/path`): GRUB has no URLs and looks for a file by that name on `$root`.',
  example: "menuentry 'Fedora CoreOS' {\n  linux http://10.0.0.2/fcos/vmlinuz\n}",
  fix: 'Write the device form: `(http,10.0.0.2)/fcos/vmlinuz` (with `insmod http`), or `(tftp,HOST)/path`.',
  levelWhy:
    'Error: the file is never found ("file not found"), on every GRUB; the URL form is iPXE\'s and lpxelinux\'s.',
  check(config) {
    const problems: Problem[] = [];
    for (const command of config.commands)
      for (const { word } of fileArguments(command)) {
        const m = /^(https?|tftp):\/\/([^/]+)(\/.*)?$/i.exec(word.value);
        if (!m || word.template) continue;
        const protocol = (m[1] as string).toLowerCase();
        const device = protocol === 'https' ? undefined : `(${protocol},${m[2]})${m[3] ?? '/'}`;
        problems.push(
          report(
            this,
            word,
            `GRUB has no URLs: it looks for a file named \`${word.value}\` on $root and fails. ` +
              (device
                ? `Write \`${device}\`${protocol === 'http' ? ' (GRUB loads its http module when it needs it)' : ''}.`
                : 'Upstream GRUB has no HTTPS: serve the file over `(http,HOST)/path`.'),
            device && !word.quoted ? { fixes: [changeTo(word, device)] } : undefined,
          ),
        );
      }
    return problems;
  },
});
