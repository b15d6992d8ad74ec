/**
 * The files a GRUB config names (kernels, initrds, configs it reads, module files, chainloaded images),
 * with the device each is read from, and the kernel command line of an entry: what the boot chain follows.
 */
import type { RuleContext } from '../../core/ruleContext';
import type { Command, GrubConfig, MenuEntry, Word } from './ast';
import { COMMANDS, KERNEL_COMMANDS, type FileRole } from './catalog';
import { localPathOfPath, parseDevice, parseGrubPath, type Device, type GrubPath, type Protocol } from './paths';

/** The roles the boot chain follows (fonts, pictures and grubenv files are left out). */
export type GrubFileRole = 'kernel' | 'initrd' | 'config' | 'module' | 'chainload';
const FOLLOWED: ReadonlySet<FileRole> = new Set(['kernel', 'initrd', 'config', 'module', 'chainload']);

export interface GrubFileRef {
  /** The argument (offsets into the config). */
  word: Word;
  role: GrubFileRole;
  protocol: Protocol;
  /** The literal host; undefined for the default server (`$net_default_server`, or none given). */
  host?: string;
  /** A variable naming the host (`http_server`), when it is not the default server. */
  hostVariable?: string;
  /** The path on that device, without the leading `/` (relative to `base` when set). */
  path: string;
  base?: GrubPath['base'];
  /** The title of the menu entry it is in. */
  entry?: string;
  command: Command;
}

/** Arguments that are not options (`--force`, `--newc:…`), in order. */
export function operands(command: Command): Word[] {
  const out: Word[] = [];
  let dashes = false;
  for (const arg of command.args) {
    if (!dashes && arg.value === '--') {
      dashes = true;
      continue;
    }
    if (!dashes && arg.value.startsWith('-') && arg.value.length > 1 && !arg.quoted) continue;
    out.push(arg);
  }
  return out;
}

/** The file words of a command with their role (kernel, initrd, …), per the catalog. */
export function fileArguments(command: Command): { word: Word; role: FileRole }[] {
  if (command.name.quoted) return [];
  const spec = COMMANDS.get(command.name.value);
  if (!spec?.file && !spec?.files) return [];
  const words = operands(command);
  if (spec.files) return words.map((word) => ({ word, role: spec.files as FileRole }));
  const first = words[0];
  if (!first) return [];
  // `insmod NAME` names a module, not a file: only a path is one.
  if (spec.file === 'module' && !/[/()]|\.mod$/.test(first.value)) return [];
  return [{ word: first, role: spec.file as FileRole }];
}

/** The device `root` names after `set root=…` or `search … --set=root` (undefined: not a literal). */
function rootAssignment(command: Command): Device | 'disk' | undefined {
  const name = command.name.value;
  if (name === 'set' || name.startsWith('root=')) {
    const word = name === 'set' ? command.args[0] : command.name;
    const m = word && /^root=(.*)$/s.exec(word.value);
    if (!m) return undefined;
    const value = (m[1] as string).replace(/^\((.*)\)$/s, '$1');
    return /^\$/.test(value) && !/^\$\{?root\}?$/.test(value) ? { protocol: 'other' } : parseDevice(value);
  }
  if (name === 'search' || name.startsWith('search.')) {
    // `--set` takes an optional name (`--set=NAME`, or the next word when it is no option); `root` by default.
    const setsRoot = command.args.some((a, k) => {
      const m = /^(?:--set|-s)(?:=(.*))?$/.exec(a.value);
      if (!m) return false;
      const next = command.args[k + 1]?.value;
      const variable = m[1] ?? (next && !next.startsWith('-') ? next : 'root');
      return variable === 'root';
    });
    const shortForm = name.startsWith('search.') && (command.args.length < 2 || command.args[1]?.value === 'root');
    if ((name === 'search' && setsRoot) || shortForm) return 'disk';
  }
  return undefined;
}

/**
 * The device `root` holds when each command runs: a netboot's default (undefined) until the config sets it.
 * Entries run after the whole top level, so they start from its final state.
 */
function rootsOf(config: GrubConfig): Map<Command, Device | 'disk' | undefined> {
  const roots = new Map<Command, Device | 'disk' | undefined>();
  let top: Device | 'disk' | undefined;
  for (const command of config.commands) {
    const where = config.placement.get(command);
    if (where?.entry || where?.inFunction) continue;
    roots.set(command, top);
    top = rootAssignment(command) ?? top;
  }
  const perEntry = new Map<MenuEntry, Device | 'disk' | undefined>();
  for (const command of config.commands) {
    const where = config.placement.get(command);
    if (!where?.entry && !where?.inFunction) continue;
    const entry = where.entry;
    const current = entry ? (perEntry.has(entry) ? perEntry.get(entry) : top) : top;
    roots.set(command, current);
    if (entry) perEntry.set(entry, rootAssignment(command) ?? current);
  }
  return roots;
}

/** Every file the config names that the boot chain follows, in file order. */
export function grubFileRefs(config: GrubConfig): GrubFileRef[] {
  const roots = rootsOf(config);
  const refs: GrubFileRef[] = [];
  for (const command of config.commands) {
    const entry = config.placement.get(command)?.entry;
    for (const { word, role } of fileArguments(command)) {
      if (!FOLLOWED.has(role) || word.template) continue;
      const parsed = parseGrubPath(word.value);
      if (!parsed) continue;
      let device: GrubPath = parsed;
      // A path without a device is read from `root`.
      if (parsed.protocol === 'root' && !parsed.base) {
        const root = roots.get(command);
        if (root === 'disk') device = { ...parsed, protocol: 'other' };
        else if (root && root.protocol !== 'root') device = { ...parsed, ...root, path: parsed.path };
      }
      refs.push({
        word,
        role: role as GrubFileRole,
        protocol: device.protocol,
        ...(device.host ? { host: device.host } : {}),
        ...(device.hostVariable ? { hostVariable: device.hostVariable } : {}),
        path: device.path,
        ...(device.base ? { base: device.base } : {}),
        ...(entry?.title ? { entry: entry.title.value } : {}),
        command,
      });
    }
  }
  return refs;
}

/** Where a file reference is on disk: in the TFTP root, or in the folder the site serves over HTTP. */
export function localPathOf(ref: GrubFileRef, context: RuleContext): string | undefined {
  return localPathOfPath(
    {
      protocol: ref.protocol,
      path: ref.path,
      ...(ref.host ? { host: ref.host } : {}),
      ...(ref.hostVariable ? { hostVariable: ref.hostVariable } : {}),
      ...(ref.base ? { base: ref.base } : {}),
    },
    context,
  );
}

/** The first kernel command (`linux`, `linuxefi`, `linux16`, `multiboot`, …) of an entry. */
export function kernelCommand(entry: MenuEntry): Command | undefined {
  return entry.commands.find((c) => !c.name.quoted && KERNEL_COMMANDS.has(c.name.value));
}

/** The kernel command line of an entry: the arguments of its kernel command after the kernel file. */
export function kernelArgs(entry: MenuEntry): Word[] {
  const command = kernelCommand(entry);
  if (!command) return [];
  const kernel = operands(command)[0];
  return kernel ? command.args.slice(command.args.indexOf(kernel) + 1) : [];
}
