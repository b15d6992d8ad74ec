/**
 * Which grub.cfg a network-booted GRUB reads, and why: from the GRUB image (its prefix, embedded config and
 * memdisk, read by image.ts) when it is known, or the per-machine search of GRUB 2.06+ under the folder GRUB
 * was loaded from. Debian's signed grubnetx64.efi runs `normal (memdisk)/grub.cfg`, whose script sources
 * fixed paths: it never tries per-machine names itself.
 */
import { join, posix } from 'node:path';
import type { FileView } from '../../core/ruleContext';
import type { Command, Statement } from './ast';
import type { GrubImage } from './image';
import { grubLookupOrder, type GrubLookupInput } from './lookup';
import { parseGrub } from './parser';

export interface GrubLookupStep {
  /** Relative to the TFTP root. */
  name: string;
  path: string;
  exists: boolean;
}

export interface GrubLookup {
  /** One line on what reads the config: the image, its prefix and what it runs. */
  build: string;
  steps: GrubLookupStep[];
  chosen?: GrubLookupStep;
  /** What the steps rest on, and what to do when they are not what was meant. */
  notes: string[];
}

export interface GrubLookupOptions {
  /** The GRUB image's path relative to the TFTP root (the DHCP boot file): `$cmdpath`, and the prefix when the image has none. */
  bootFile?: string;
  /** The image's file name, for the explanation. */
  imageName?: string;
}

/** The folder part of a prefix or path, relative to the TFTP root; undefined for a device other than the network's. */
function networkFolder(path: string): string | undefined {
  const device = /^\(([^)]*)\)(.*)$/.exec(path);
  if (device && !/^(tftp|pxe|http)/.test(device[1] as string)) return undefined;
  return (device ? (device[2] as string) : path).split('/').filter(Boolean).join('/');
}

/** The folder GRUB was loaded from, less a trailing `<cpu>-<platform>` (kern/main.c). */
function loadedFrom(bootFile: string | undefined): string {
  const dir = posix.dirname(`/${bootFile ?? ''}`).replace(/^\/+/, '');
  return dir.replace(/(^|\/)[a-z0-9_]+-(efi|pc|ieee1275)$/, '');
}

/**
 * Files a script reads with `source`/`configfile`, `$prefix` and `$cmdpath` filled in. A `[ -e FILE ]` test is
 * false for a file on TFTP (GRUB's tftp file system cannot tell; it sends no request — the test VM's capture
 * shows it), so a `source` in the branch such a test guards is never read over the network.
 */
export function scriptTargets(script: string, prefix: string, cmdpath: string): string[] {
  const { ast } = parseGrub(script);
  const out: string[] = [];
  const guarded = new Set<Command>();
  const walk = (statements: Statement[]): void => {
    for (const st of statements) {
      if (st.kind !== 'if') continue;
      for (const clause of st.clauses) {
        const tests = clause.condition.some((c) => c.kind === 'command' && c.args.some((a) => a.value === '-e'));
        if (tests) for (const c of clause.body) if (c.kind === 'command') guarded.add(c);
        walk(clause.body);
      }
      walk(st.elseBody ?? []);
    }
  };
  walk(ast.statements);
  const read = (c: Command): boolean => /^(source|\.|configfile)$/.test(c.name.value) && c.args.length > 0;
  for (const command of ast.commands.filter((c) => read(c) && !guarded.has(c))) {
    const target = (command.args[0] as { value: string }).value
      .replace(/^\$\{?prefix\}?/, `/${prefix}`)
      .replace(/^\$\{?cmdpath\}?/, `/${cmdpath}`);
    const folder = /\$/.test(target) ? undefined : networkFolder(target);
    if (folder !== undefined && !out.includes(folder)) out.push(folder);
  }
  return out;
}

/** The argument of `normal FILE` in an embedded config (undefined: `normal` without one, or none). */
function normalArgument(config: string | undefined): string | undefined {
  if (!config) return undefined;
  return parseGrub(config).ast.commands.find((c) => c.name.value === 'normal')?.args[0]?.value;
}

function describe(image: GrubImage | undefined, name: string | undefined): string {
  if (!image) return 'GRUB image not given';
  const build = image.sbat?.vendor
    ? `${image.sbat.vendor} ${image.sbat.vendorVersion ?? image.sbat.version ?? ''}`.trim()
    : image.sbat?.version
      ? `GRUB ${image.sbat.version}`
      : 'unknown build';
  return `${name ?? 'GRUB image'} (${build}, ${image.platform ?? 'unknown platform'}), prefix ${image.prefix ?? '(none)'}`;
}

/**
 * A Red Hat build (Fedora, RHEL and its rebuilds; SBAT `grub.fedora`, `grub.rh`, …): it searches the folder it
 * was loaded from ($fw_path) before its prefix.
 */
export function redHatBuild(image: GrubImage | undefined): boolean {
  return /^(rh|fedora|redhat|rhel|centos|rocky|almalinux|alma|ol)$/i.test(image?.sbat?.vendor ?? '');
}

const EXISTS_NOTE =
  'Its built-in config tests `[ -e … ]` before a `source`: that test is false for a file on TFTP (GRUB cannot ' +
  'stat it and sends no request), so only the other branch is read.';

/** The config files GRUB reads for a machine, in order, with which exist under `tftpRoot`; the first that exists wins. */
export function explainGrubLookup(
  input: GrubLookupInput,
  tftpRoot: string,
  files: FileView,
  image?: GrubImage,
  options: GrubLookupOptions = {},
): GrubLookup {
  const notes: string[] = [];
  const cmdpath = loadedFrom(options.bootFile);
  const prefix = image?.prefix !== undefined ? networkFolder(image.prefix) : cmdpath;
  let names: string[];
  let build = describe(image, options.imageName);
  const normal = normalArgument(image?.embeddedConfig);
  const search = (folder: string): string[] => grubLookupOrder(input, folder);
  if (prefix === undefined) {
    names = [];
    notes.push(
      `The prefix ${image?.prefix} is not on the network: this image reads its config from a disk, not the TFTP server.`,
    );
  } else if (normal !== undefined) {
    const script = /^\(memdisk\)/.test(normal) ? image?.memdiskConfig : undefined;
    build += `, runs \`normal ${normal}\``;
    names = script
      ? scriptTargets(script, prefix, cmdpath)
      : [networkFolder(normal.replace(/^\$\{?prefix\}?/, `/${prefix}`)) ?? ''].filter(Boolean);
    if (script && /\[\s+-e\s/.test(script)) notes.push(EXISTS_NOTE);
    notes.push(
      'The image starts normal mode with a file of its own, so GRUB tries no per-machine names ' +
        '(grub.cfg-01-<mac>, …): for a config per machine, have the config these paths lead to `configfile` one ' +
        '(e.g. `configfile $prefix/grub.cfg-$net_default_mac`, whose MAC has colons).',
    );
  } else {
    const redHat = redHatBuild(image);
    const version = Number(image?.sbat?.version ?? 'NaN');
    const searches = !image || redHat || !(version < 2.06);
    const folders = redHat && cmdpath !== prefix ? [cmdpath, prefix] : [prefix];
    names = folders.flatMap((f) => (searches ? search(f) : [posix.join(f || '.', 'grub.cfg').replace(/^\.\//, '')]));
    if (!image)
      notes.push(
        `No GRUB image given: this is the search of upstream GRUB 2.06+ (grub-mknetdir) and Fedora/RHEL images, ` +
          `under the folder GRUB was loaded from${options.bootFile ? '' : ' (give the boot file to place it)'}. ` +
          "Debian's signed grubnetx64.efi reads grub/grub.cfg instead: give the image " +
          'to know for sure.',
      );
    else if (!searches)
      notes.push(`GRUB ${image.sbat?.version} has no per-machine search (it came with 2.06): it reads grub.cfg only.`);
    if (redHat) notes.push('Red Hat builds search the folder GRUB was loaded from ($fw_path) first, then $prefix.');
    notes.push(
      'The search runs only when the prefix is on TFTP; over HTTP GRUB reads grub.cfg alone. Setting ' +
        'feature_net_search_cfg=n turns it off.',
    );
  }
  const steps = names.map((name) => {
    const path = join(tftpRoot, ...name.split('/').filter(Boolean));
    return { name, path, exists: files.exists(path) };
  });
  const chosen = steps.find((s) => s.exists);
  return { build, steps, ...(chosen ? { chosen } : {}), notes };
}

export function formatGrubLookup(result: GrubLookup): string {
  const lines = [`${result.build}.`];
  result.steps.forEach((s, i) =>
    lines.push(
      `${String(i + 1).padStart(2)}. ${s.name}${s.exists ? (s === result.chosen ? '   ← used' : '   (exists, not reached)') : ''}`,
    ),
  );
  lines.push(
    result.chosen
      ? `GRUB reads ${result.chosen.name}.`
      : result.steps.length
        ? 'None of these exists: GRUB finds no config and stops at its command line (grub>): put one of them there.'
        : 'GRUB reads no config from the TFTP server.',
  );
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}
