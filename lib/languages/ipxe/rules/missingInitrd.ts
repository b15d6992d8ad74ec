import type { Fix, Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { positionalOf } from '../args';
import type { Command, Word } from '../ast';
import { INITRD_COMMANDS, KERNEL_COMMANDS } from '../catalog';
import { commandsNamed, imageName, lastSegment, modelOf, type IpxeModel } from '../model';
import { ipxeRule, isInitrdArgument } from './shared';

/** Loaders that take their "initrd" images without a Linux command line (ISO/floppy images, Windows files). */
const NON_LINUX = /memdisk|wimboot/i;
/** An EFI program that is not a Linux kernel (a Linux EFI stub is usually named vmlinuz…, linux…, bzImage…). */
const EFI_PROGRAM = /\.efi$/i;
const LINUX_NAME = /vmlinu|linux|kernel|bzimage/i;

/** The version fact every message of this rule rests on (iPXE commit 6a004be0c, Feb 2023, LINUX_EFI_INITRD_MEDIA). */
const VERSIONS =
  'under UEFI, iPXE before 2.0 (and any iPXE with a Linux kernel older than 5.7) hands the kernel only the ' +
  'initrds named by `initrd=`, so the kernel panics with "VFS: Unable to mount root fs". BIOS boots, and iPXE 2.0 ' +
  'or later with Linux 5.7 or later, find it anyway';

/** Kernels, initrds, and `imgargs` (which replaces a kernel's command line). */
const LOADS = new Set([...KERNEL_COMMANDS, ...INITRD_COMMANDS, 'imgargs']);

function isLinux(image: Word | undefined): boolean {
  if (!image) return true;
  if (NON_LINUX.test(image.text)) return false;
  const file = lastSegment(image.text) ?? '';
  return !(EFI_PROGRAM.test(file) && !LINUX_NAME.test(file));
}

/**
 * Whether command-line words carry `initrd=`: literally, or through a setting this script sets to a value that
 * does. A setting whose value is only known at boot time (`read`, `choose`) counts as carrying it; one never set
 * here (set by a parent script, usually extra options) does not.
 */
function carriesInitrd(words: Word[], from: number, model: IpxeModel, seen?: Set<string>): boolean {
  for (let i = from; i < words.length; i++) {
    const word = words[i] as Word;
    if (isInitrdArgument(word.text)) return true;
    if (!word.text.includes('${')) continue;
    for (const match of word.text.matchAll(/\$\{([^}:]*)(?::[^}]*)?\}/g)) {
      const name = (match[1] as string).split('/').at(-1) as string;
      const visited = (seen ??= new Set<string>());
      if (visited.has(name)) continue;
      visited.add(name);
      const defs = model.defs.filter((d) => d.name === name);
      if (defs.some((d) => d.value === undefined)) return true;
      if (
        defs.some(
          (d) =>
            /(^|\s)initrd=/.test(d.value ?? '') || (d.value?.includes('${') && carriesValue(d.value, model, visited)),
        )
      )
        return true;
    }
  }
  return false;
}

function carriesValue(value: string, model: IpxeModel, seen: Set<string>): boolean {
  return carriesInitrd(
    value.split(/\s+/).map((text) => ({ text, start: 0, end: 0 })),
    0,
    model,
    seen,
  );
}

/** `imgargs` lines after the kernel (before the next kernel) that name it: each one replaces its command line. */
function imgargsFor(kernel: Command, commands: readonly Command[], from: number): Command[] {
  const found: Command[] = [];
  let name: string | undefined;
  let named = false;
  for (let i = from; i < commands.length; i++) {
    const command = commands[i] as Command;
    if (KERNEL_COMMANDS.has(command.name.text)) break;
    if (command.name.text !== 'imgargs') continue;
    // The kernel's name is needed only when an `imgargs` follows it.
    if (!named) [name, named] = [imageName(kernel), true];
    const target = positionalOf(command)[0]?.text;
    if (target && (target === name || target.includes('${') || name?.includes('${'))) found.push(command);
  }
  return found;
}

/** For each command, the next kernel-or-initrd command after it: one pass from the end. */
function followingLoads(commands: readonly Command[]): (Command | undefined)[] {
  const following: (Command | undefined)[] = new Array(commands.length);
  let next: Command | undefined;
  for (let i = commands.length - 1; i >= 0; i--) {
    following[i] = next;
    const name = (commands[i] as Command).name.text;
    if (INITRD_COMMANDS.has(name) || KERNEL_COMMANDS.has(name)) next = commands[i];
  }
  return following;
}

export const missingInitrd = ipxeRule({
  id: 'ipxe.missingInitrd',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'A Linux `kernel` line (or the `imgargs` that replaces its command line) has no `initrd=<name>` while an `initrd` is ' +
    'loaded: under UEFI with iPXE before 2.0, or a kernel before Linux 5.7, the kernel finds no ' +
    'initramfs and panics.',
  example: '#!ipxe\nkernel http://nas/vmlinuz console=ttyS0\ninitrd http://nas/initramfs.img\nboot',
  fix: 'Add `initrd=<name of the initrd image>` to the kernel command line (harmless under BIOS and on new versions).',
  levelWhy:
    'Warning: the same script boots under BIOS and with iPXE 2.0 + Linux 5.7 or later, but fails on UEFI machines with ' +
    'the iPXE 1.x that distributions still ship, or with older kernels; the fix costs nothing.',
  check(script, text) {
    const model = modelOf(script, text);
    const problems: Problem[] = [];
    // Only the loads and `imgargs` matter here: the walks below skip every other command anyway.
    const commands = commandsNamed(model, LOADS);
    const following = followingLoads(commands);
    commands.forEach((kernel, index) => {
      if (!KERNEL_COMMANDS.has(kernel.name.text)) return;
      const positional = positionalOf(kernel);
      if (!isLinux(positional[0])) return;
      const initrd = following[index];
      if (!initrd || !INITRD_COMMANDS.has(initrd.name.text)) return;
      const replacing = imgargsFor(kernel, commands, index + 1);
      if (!replacing.length && carriesInitrd(positional, 1, model)) return;
      const name = imageName(initrd) ?? 'initrd.img';
      const related = [{ start: initrd.start, end: initrd.end, message: 'the initrd loaded for this kernel' }];
      if (replacing.length) {
        for (const imgargs of replacing) {
          if (carriesInitrd(positionalOf(imgargs), 1, model)) continue;
          problems.push(
            report(
              this,
              { start: imgargs.name.start, end: imgargs.end },
              `\`imgargs\` replaces the kernel's whole command line, and this one has no \`initrd=${name}\`: ${VERSIONS}. ` +
                `Add \`initrd=${name}\`.`,
              { related, fixes: [addInitrd(name, 'imgargs', imgargs.end)] },
            ),
          );
        }
        return;
      }
      problems.push(
        report(
          this,
          { start: kernel.name.start, end: kernel.end },
          `This kernel line has no \`initrd=${name}\`, but an initrd is loaded below: ${VERSIONS}. Add \`initrd=${name}\`.`,
          { related, fixes: [addInitrd(name, 'kernel', kernel.end)] },
        ),
      );
    });
    return problems;
  },
});

function addInitrd(name: string, line: 'kernel' | 'imgargs', at: number): Fix {
  return {
    title: `Add \`initrd=${name}\` to the ${line} line`,
    edits: [{ start: at, end: at, newText: ` initrd=${name}` }],
    preferred: true,
  };
}
