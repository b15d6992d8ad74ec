import { basename, dirname } from 'node:path';
import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { imageArtifact, type RuleContext } from '../../../core/ruleContext';
import { didYouMean } from '../../../core/suggest';
import type { GrubConfig, MenuEntry } from '../ast';
import { grubFileRefs, localPathOf, type GrubFileRef } from '../fileRefs';
import { tftpRootKnown } from '../loader';
import { tftpRootOf } from '../paths';
import { grubRule } from './shared';

export const missingFile = grubRule({
  id: 'grub.missingFile',
  language: 'grub',
  severity: 'warning',
  summary:
    'A kernel, initrd, config, module file or chainloaded image that is not in the TFTP root (or, for `(http,…)`, not ' +
    'in the folder the site serves).',
  example: "menuentry 'Fedora CoreOS' {\n  linux /fedora-coreos/vmlinuz-typo\n}",
  fix: 'Correct the name, or put the file there: paths without a device are on the server GRUB came from, from the TFTP root.',
  levelWhy:
    'Warning: the entry fails ("file not found") if the file is missing on the server too, but the linter sees only ' +
    'this tree. Without a site file it speaks only in a TFTP root (a GRUB, shim or other loader in it) and only of ' +
    'a near miss or of an entry whose other files are there; configs loaded under `if` are left alone.',
  check(config, _text, context) {
    const root = tftpRootOf(context);
    const files = context.files;
    if (!files || !root || !tftpRootKnown(context)) return [];
    const declared = context.site?.tftpRoot === root;
    const refs = grubFileRefs(config).filter(
      // A config tried under `if [ -e … ]` (or in a loop) may be absent on purpose.
      (r) => !(r.role === 'config' && config.placement.get(r.command)?.conditional),
    );
    const populated = populatedEntries(config, refs, context);
    const problems: Problem[] = [];
    for (const ref of refs) {
      const path = localPathOf(ref, context);
      if (!path || files.exists(path) || imageArtifact(context.site, path)) continue;
      const near = didYouMean(
        basename(path),
        (files.list(dirname(path)) ?? []).filter((n) => n !== basename(path)),
      );
      if (!declared && !near && !populated.has(ref)) continue;
      const where = ref.protocol === 'http' ? 'the folder the site serves over HTTP' : `the TFTP root (${root})`;
      const fixed =
        near && ref.word.text.endsWith(basename(path))
          ? ref.word.text.slice(0, ref.word.text.length - basename(path).length) + near
          : undefined;
      problems.push(
        report(
          this,
          ref.word,
          `\`${ref.word.value}\` is not there: looked for ${path}, in ${where}.` +
            (near ? ` Did you mean \`${near}\` (it is in that folder)?` : ' Correct the path or copy the file there.'),
          fixed ? { fixes: [changeTo(ref.word, fixed)] } : undefined,
        ),
      );
    }
    return problems;
  },
});

/** File references of entries that have some of their files in the tree: their other files should be there too. */
function populatedEntries(config: GrubConfig, refs: GrubFileRef[], context: RuleContext): Set<GrubFileRef> {
  const byEntry = new Map<MenuEntry, GrubFileRef[]>();
  for (const ref of refs) {
    const entry = config.placement.get(ref.command)?.entry;
    if (!entry) continue;
    const list = byEntry.get(entry) ?? [];
    list.push(ref);
    byEntry.set(entry, list);
  }
  const populated = new Set<GrubFileRef>();
  for (const list of byEntry.values()) {
    const paths = list.map((r) => localPathOf(r, context));
    if (paths.some((p) => p && context.files?.exists(p))) list.forEach((r) => populated.add(r));
  }
  return populated;
}
