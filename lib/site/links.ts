/**
 * Symbolic links under a served folder (the TFTP root, the HTTP root): where each one leads, resolved the
 * way the kernel does it (link by link, component by component) but never allowed above the root. Deploy
 * mirrors the links as written, so a link that leaves the root here leaves the remote root on the NAS,
 * where nginx serves whatever it reaches. Rule `site.linkOutsideRoot` reports such links on the site file.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Node } from 'jsonc-parser';
import type { FileView } from '../core/ruleContext';
import type { Problem } from '../core/problem';
import { report } from '../core/rule';
import { escapeControl } from '../core/untrusted';
import { childOf } from '../core/paths';
import { siteRule } from './rules';

/** The kernel's limit on links followed in one lookup (ELOOP beyond it). */
export const MAX_LINKS = 40;

/**
 * Where a link leads. `inside`: a path under the root with every link on the way expanded (it may not
 * exist: a dangling link that stays inside is mirrored as it is). Otherwise why it is refused, with the
 * link's own target as written and, when it went through other links, the last one it passed (`via`).
 */
export type LinkVerdict =
  | { kind: 'inside'; target: string }
  | { kind: 'absolute' | 'outside' | 'loop'; text: string; via?: { path: string; text: string } };

export type RefusedLink = Exclude<LinkVerdict, { kind: 'inside' }>;

/**
 * Follows the symlink `link` (absolute, under `root`) through every link on its way. Each `..` is taken
 * after the links before it are expanded, as the kernel does, so `x/../..` where `x` is a link is not the
 * lexical `..`; a step above `root` is refused even when a later one comes back in (the NAS's root has
 * another name and other parents).
 */
export function followLink(files: Required<Pick<FileView, 'link'>>, root: string, link: string): LinkVerdict {
  const own = files.link(link);
  if (own === undefined) return { kind: 'inside', target: link };
  const stack = relative(root, dirname(link)).split(sep).filter(Boolean);
  let via: { path: string; text: string } | undefined;
  const refuse = (kind: RefusedLink['kind']): RefusedLink => ({ kind, text: own, ...(via ? { via } : {}) });
  let text = own;
  let pending: string[] = [];
  for (let hops = 1; ; hops++) {
    if (hops > MAX_LINKS) return refuse('loop');
    if (isAbsolute(text)) return refuse('absolute');
    pending = [...text.split('/'), ...pending];
    let next: string | undefined;
    while (next === undefined && pending.length) {
      const part = pending.shift() as string;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (!stack.length) return refuse('outside');
        stack.pop();
        continue;
      }
      stack.push(part);
      const path = join(root, ...stack);
      next = files.link(path);
      if (next !== undefined) {
        via = { path, text: next };
        stack.pop();
      }
    }
    if (next === undefined) return { kind: 'inside', target: join(root, ...stack) };
    text = next;
  }
}

/** Why a link is refused, in words: `shown` names paths as the reader knows them, `root` the folder. */
export function linkProblem(verdict: RefusedLink, link: string, shown: (path: string) => string, root: string): string {
  const name = `${escapeControl(shown(link))} -> ${escapeControl(verdict.text)}`;
  const through =
    verdict.via && verdict.via.path !== link
      ? `, through the symlink ${escapeControl(shown(verdict.via.path))} -> ${escapeControl(verdict.via.text)}`
      : '';
  switch (verdict.kind) {
    case 'absolute':
      return `the symlink ${name} points at an absolute path${through}: on the NAS it would point at that path there, outside ${root}`;
    case 'outside':
      return `the symlink ${name} leads outside ${root}${through}: on the NAS it would expose what lies there`;
    case 'loop':
      return `the symlink ${name} is a loop (more than ${MAX_LINKS} links in a row${through}): it leads nowhere`;
  }
}

/** Most entries one walk looks at: a TFTP root has hundreds; the cap keeps a mistaken root (`/`) cheap. */
const MAX_ENTRIES = 20_000;
const MAX_FINDINGS = 20;

/** Links under `root` that `followLink` refuses, depth-first, without descending into linked folders. */
export function linksOutside(files: FileView, root: string): { link: string; verdict: RefusedLink }[] {
  const out: { link: string; verdict: RefusedLink }[] = [];
  const link = files.link;
  if (!link) return out;
  let seen = 0;
  const walk = (dir: string): void => {
    for (const name of [...(files.list(dir) ?? [])].sort()) {
      if (++seen > MAX_ENTRIES) return;
      // A listed name under a resolved root: no normalising needed (a walk of a big tree asks it per entry).
      const path = childOf(dir, name);
      if (link(path) !== undefined) {
        const verdict = followLink({ link }, root, path);
        if (verdict.kind !== 'inside') out.push({ link: path, verdict });
      } else walk(path);
    }
  };
  walk(root);
  return out;
}

function member(node: Node | undefined, key: string): Node | undefined {
  return node?.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === key)?.children?.[1];
}

export const linkOutsideRootRule = siteRule({
  id: 'site.linkOutsideRoot',
  language: 'site',
  severity: 'error',
  summary:
    'A symlink under the TFTP or HTTP root leads outside it (directly, through other links, or ' +
    'in a loop): deploy refuses it, and on the NAS nginx would serve whatever it reaches.',
  example: "tftp/boot/x -> ../..  and  tftp/boot/y -> x/../../etc   (y/passwd would be the NAS's /etc/passwd)",
  fix: 'Replace the link with a copy of the file it names, or point it at a file inside the root.',
  levelWhy:
    'deploy refuses the site until it is fixed, and on the NAS such a link would expose files outside the TFTP root.',
  check(doc, _text, context) {
    const problems: Problem[] = [];
    if (!context.path || !context.files?.link) return problems;
    const siteDir = dirname(context.path);
    const shown = (path: string): string => relative(siteDir, path).split(sep).join('/');
    const tftp = member(member(doc.root, 'tftp'), 'root');
    const http = member(member(doc.root, 'http'), 'root');
    const tftpRoot = typeof tftp?.value === 'string' && tftp.value ? resolve(siteDir, tftp.value) : undefined;
    for (const [node, what] of [
      [tftp, 'tftp.root'],
      [http, 'http.root'],
    ] as const) {
      if (typeof node?.value !== 'string' || !node.value) continue;
      const root = resolve(siteDir, node.value);
      // The HTTP folder inside the TFTP root is covered by the TFTP root's walk.
      if (what === 'http.root' && tftpRoot && (root === tftpRoot || root.startsWith(`${tftpRoot}${sep}`))) continue;
      const found = linksOutside(context.files, root);
      for (const { link, verdict } of found.slice(0, MAX_FINDINGS)) {
        problems.push(
          report(
            this,
            { start: node.offset, end: node.offset + node.length },
            `${linkProblem(verdict, link, shown, what)} (${what} is ${escapeControl(node.value)}). ` +
              `Replace it with a copy of the file, or point it inside ${escapeControl(node.value)}; ` +
              'deploy refuses it.',
          ),
        );
      }
      if (found.length > MAX_FINDINGS)
        problems.push(
          report(
            this,
            { start: node.offset, end: node.offset + node.length },
            `…and ${found.length - MAX_FINDINGS} more symlinks under ${what} that lead outside it.`,
          ),
        );
    }
    return problems;
  },
});
