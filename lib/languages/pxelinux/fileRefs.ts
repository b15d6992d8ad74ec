/** The files a config names (kernels, initrds, modules, included configs) and where they are on disk. */
import type { RuleContext } from '../../core/ruleContext';
import type { Directive, PxelinuxConfig, Word } from './ast';
import { localPath, tftpRootOf } from './paths';

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
export function namedFiles(d: Directive): Word[] {
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
export function appendInitrds(d: Directive): Word[] {
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

/** Every file name in the config, in file order. */
export function fileWords(config: PxelinuxConfig): Word[] {
  return config.directives.flatMap((d) => [...namedFiles(d), ...appendInitrds(d)]);
}

/** The local path of each file a word names (URLs outside the site and placeholders have none). */
export function located(words: Word[], context: RuleContext): { word: Word; path: string }[] {
  return words.flatMap((word) => {
    const path = localPath(word.text, context);
    return path ? [{ word, path }] : [];
  });
}

/** The names in the TFTP root (where the loaders sit). */
export function loaders(context: RuleContext): Set<string> {
  const root = tftpRootOf(context);
  return new Set((root && context.files?.list(root)) || []);
}

/** The http:// and ftp:// names of the config. */
export function urls(config: PxelinuxConfig): Word[] {
  return fileWords(config).filter((w) => /^(https?|ftp):\/\//i.test(w.text));
}
