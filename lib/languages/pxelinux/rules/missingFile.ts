import { basename, dirname } from 'node:path';
import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { imageArtifact, type RuleContext } from '../../../core/ruleContext';
import { didYouMean } from '../../../core/suggest';
import type { PxelinuxConfig } from '../ast';
import { appendInitrds, fileWords, located, namedFiles } from '../fileRefs';
import { tftpRootKnown } from '../loader';
import { tftpRootOf } from '../paths';
import { pxelinuxRule } from './shared';

export const missingFile = pxelinuxRule({
  id: 'pxelinux.missingFile',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'A kernel, initrd, module or included file that is not in the TFTP root (or, for an http:// URL, not in the folder the site serves).',
  example: 'LABEL fcos\n  KERNEL fedora-coreos/vmlinuz-typo',
  fix: 'Correct the name, or put the file in the TFTP root (paths are relative to it, not to pxelinux.cfg/).',
  levelWhy:
    'Warning: the entry fails to boot if the file is missing on the server too, but the linter sees only this tree. ' +
    'Without a site file it speaks only in a TFTP root (a loader or modules in it) and only of a ' +
    'near miss (a similar name in that folder) or of an entry whose other files are there.',
  check(config, _text, context) {
    const root = tftpRootOf(context);
    const files = context.files;
    if (!files || !root || !tftpRootKnown(context)) return [];
    const all = fileWords(config);
    // `../` names only work under a DHCP path prefix (option 210) below the root, which the linter cannot see.
    if (all.some((w) => /^\.\.\//.test(w.text))) return [];
    const declared = context.site?.tftpRoot === root;
    const populated = populatedEntries(config, context);
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
      problems.push(
        report(
          this,
          word,
          `\`${word.text}\` is not there: looked for ${path}. Names are relative to the TFTP root (${root}).${hint}`,
          fixed ? { fixes: [changeTo(word, fixed)] } : undefined,
        ),
      );
    }
    return problems;
  },
});

/** The file names (by offset) of entries with some of their files in the tree: their other files should be there too. */
function populatedEntries(config: PxelinuxConfig, context: RuleContext): Set<number> {
  const populated = new Set<number>();
  for (const label of config.labels) {
    const entry = located(
      label.directives.flatMap((d) => [...namedFiles(d), ...appendInitrds(d)]),
      context,
    );
    if (entry.some((e) => context.files?.exists(e.path))) entry.forEach((e) => populated.add(e.word.start));
  }
  return populated;
}
