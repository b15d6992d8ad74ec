/** What the chain reads of GRUB: which config a network image reads for a machine, and a config's entries. */
import { join, posix } from 'node:path';
import { parseGrub } from '../languages/grub/parser';
import { grubFileRefs, kernelArgs, operands, type GrubFileRef } from '../languages/grub/fileRefs';
import type { GrubConfig, MenuEntry, Word } from '../languages/grub/ast';
import { KERNEL_COMMANDS } from '../languages/grub/catalog';
import { topLevelAssignments } from '../languages/grub/model';
import type { GrubImage } from '../languages/grub/image';
import { grubLookupNames } from '../languages/grub/lookup';
import { redHatBuild, scriptTargets } from '../languages/grub/lookupFiles';
import type { Client, HopKind, Place } from './model';

export type GrubImageFacts = GrubImage | undefined;

/** A file a GRUB config names, resolved against the prefix: a TFTP-root path, an HTTP URL, or elsewhere. */
export interface GrubTarget {
  protocol: 'tftp' | 'http' | 'other';
  host?: string;
  /** Relative to the TFTP root (tftp) or the server's root (http), leading `/` included for http. */
  path: string;
}

export interface GrubEntryFacts {
  title: string;
  at: Place;
  files: { role: HopKind; target: GrubTarget; at: Place }[];
  /** Kernel arguments that name URLs the chain follows (rootfs, Ignition). */
  urls: { name: string; url: string; at: Place }[];
}

export interface GrubConfigFacts {
  entries: GrubEntryFacts[];
  /** configfile/source outside any entry: configs GRUB reads next. */
  includes: { command: string; target: GrubTarget; at: Place }[];
  defaultIndex: number;
}

const URL_ARGS = /^(coreos\.live\.rootfs_url|ignition\.config\.url|coreos\.inst\.ignition_url)=(.+)$/;

/** `prefix` as a folder relative to the TFTP root: `/grub` and `(tftp)/grub` → `grub`; undefined on another device. */
export function prefixFolder(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const m = /^(?:\((tftp|pxe)(?:[,:][^)]*)?\))?(\/[^()$]*)?$/i.exec(prefix.trim());
  if (!m) return undefined;
  return posix.normalize(m[2] ?? '/').replace(/^\/+|\/+$/g, '');
}

function targetOf(ref: GrubFileRef, prefix: string): GrubTarget | undefined {
  if (ref.protocol === 'other' || ref.hostVariable || /\$/.test(ref.path)) return undefined;
  const path = ref.base === 'prefix' ? posix.join(prefix, ref.path) : ref.path;
  if (ref.protocol === 'http') return { protocol: 'http', ...(ref.host ? { host: ref.host } : {}), path: `/${path}` };
  if (ref.base === 'config_directory') return undefined;
  return { protocol: 'tftp', ...(ref.host ? { host: ref.host } : {}), path };
}

/** The kernel arguments of the first kernel command outside any entry. */
function topLevelKernelArgs(config: GrubConfig): Word[] {
  const command = config.commands.find(
    (c) => !config.placement.get(c)?.entry && !c.name.quoted && KERNEL_COMMANDS.has(c.name.value),
  );
  const kernel = command && operands(command)[0];
  return command && kernel ? command.args.slice(command.args.indexOf(kernel) + 1) : [];
}

/** The entries of a config, its includes and the entry `default` picks (0 unless a literal index or title says). */
export function grubConfigFacts(path: string, text: string, prefix: string): GrubConfigFacts {
  const config = parseGrub(text).ast;
  const at = (start: number, end: number): Place => ({ file: path, start, end });
  const refs = grubFileRefs(config);
  // Commands outside any entry run as GRUB reads the file (a config may boot at its top level).
  const topLevel = refs.some((r) => r.role === 'kernel' && !config.placement.get(r.command)?.entry);
  const scopes: (MenuEntry | undefined)[] = [
    ...(topLevel ? [undefined] : []),
    ...config.allEntries.filter((e) => e.kind === 'menuentry'),
  ];
  const entries: GrubEntryFacts[] = scopes.map((entry) => {
    const files = refs
      .filter((r) => config.placement.get(r.command)?.entry === entry && r.role !== 'module' && r.role !== 'config')
      .flatMap((r) => {
        const target = targetOf(r, prefix);
        const role: HopKind = r.role === 'kernel' ? 'kernel' : r.role === 'initrd' ? 'initrd' : 'config';
        return target ? [{ role, target, at: at(r.word.start, r.word.end) }] : [];
      });
    const kernel = entry ? kernelArgs(entry) : topLevelKernelArgs(config);
    const urls = kernel.flatMap((word) => {
      const m = URL_ARGS.exec(word.value);
      return m && !word.vars.length
        ? [{ name: m[1] as string, url: m[2] as string, at: at(word.end - (m[2] as string).length, word.end) }]
        : [];
    });
    if (!entry) {
      const first = files[0]?.at ?? at(0, 0);
      return { title: '(top level)', at: first, files, urls };
    }
    const title = entry.title?.value ?? '(untitled)';
    return { title, at: at(entry.title?.start ?? entry.start, entry.title?.end ?? entry.start), files, urls };
  });
  const includes = refs
    .filter((r) => r.role === 'config' && !config.placement.get(r.command)?.entry)
    .flatMap((r) => {
      const target = targetOf(r, prefix);
      return target ? [{ command: r.command.name.value, target, at: at(r.word.start, r.word.end) }] : [];
    });
  const value = topLevelAssignments(config, 'default').at(-1)?.value;
  let defaultIndex = 0;
  if (value && !value.hasVariable) {
    const byTitle = entries.findIndex((e) => e.title === value.text);
    defaultIndex = /^\d+$/.test(value.text) ? Number(value.text) : byTitle >= 0 ? byTitle : 0;
  }
  return { entries, includes, defaultIndex };
}

/** The names GRUB's search tries for the machine (only grub.cfg for any machine, or a MAC it cannot read). */
function lookupNames(client: Client): string[] {
  if (!client.mac) return ['grub.cfg'];
  try {
    return grubLookupNames(client.mac, client.ip);
  } catch {
    return ['grub.cfg'];
  }
}

/**
 * The configs a GRUB network image reads for a machine, in order (the first that exists wins), and how it
 * comes to read them: a memdisk config's `source`s under the embedded prefix (Debian's signed grubnetx64),
 * or the per-machine search under the prefix (upstream and Fedora builds; the image's own folder when it
 * embeds no prefix). An image that cannot be read (a placeholder) gets both layouts.
 */
export function grubConfigPlan(
  image: GrubImageFacts,
  imagePath: string,
  tftpRoot: string,
  client: Client,
): { candidates: string[]; how: string; prefix: string } {
  const imageDir = posix.dirname(imagePath.slice(tftpRoot.length).split('\\').join('/')).replace(/^\/+/, '');
  const under = (folder: string, name: string) =>
    join(tftpRoot, ...posix.join(folder, name).split('/').filter(Boolean));
  const named = prefixFolder(image?.prefix);
  const prefix = named ?? (image?.prefix === undefined ? imageDir.replace(/^\.$/, '') : '');
  if (image?.memdiskConfig) {
    const read = scriptTargets(image.memdiskConfig, prefix, imageDir.replace(/^\.$/, '')).map((folderName) =>
      join(tftpRoot, ...folderName.split('/').filter(Boolean)),
    );
    if (read.length)
      return { candidates: read, how: `its built-in config reads $prefix (${image.prefix ?? ''})/…`, prefix };
  }
  const names = lookupNames(client);
  // Red Hat's builds (Fedora, RHEL and rebuilds; their SBAT line is grub.fedora, grub.rh, …) search the folder
  // they were loaded from ($fw_path) first, then the prefix.
  if (image && redHatBuild(image))
    return {
      candidates: [...names.map((n) => under(imageDir, n)), ...names.map((n) => under(prefix, n))].filter(
        (p, i, all) => all.indexOf(p) === i,
      ),
      how: `it searches the folder it was loaded from (${imageDir === '.' ? 'the TFTP root' : imageDir}), then its prefix`,
      prefix: imageDir.replace(/^\.$/, ''),
    };
  if (image)
    return {
      candidates: names.map((n) => under(prefix, n)),
      how: `it searches ${prefix || 'the TFTP root'} (prefix ${image.prefix ?? 'its own folder'}) for this machine's names`,
      prefix,
    };
  return {
    candidates: [...names.map((n) => under(imageDir, n)), under('grub', 'grub.cfg')],
    how: 'the GRUB image could not be read, so both layouts are assumed (the per-machine search beside it, and Debian’s grub/)',
    prefix: imageDir.replace(/^\.$/, ''),
  };
}
