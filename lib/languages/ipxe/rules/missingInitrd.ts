import type { Fix, Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { positionalStart, wordsEnd } from '../args';
import type { IpxeScript } from '../ast';
import { INITRD_COMMANDS, KERNEL_COMMANDS } from '../catalog';
import { commandsNamed, factsOf, imageNameAt, lastSegment, type ScriptFacts } from '../facts';
import { commandSpan, ipxeRule, isInitrdArgument } from './shared';

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

function isLinux(image: string | undefined): boolean {
  if (image === undefined) return true;
  if (NON_LINUX.test(image)) return false;
  const file = lastSegment(image) ?? '';
  return !(EFI_PROGRAM.test(file) && !LINUX_NAME.test(file));
}

/**
 * Whether command-line words carry `initrd=`: literally, or through a setting this script sets to a value that
 * does. A setting whose value is only known at boot time (`read`, `choose`) counts as carrying it; one never set
 * here (set by a parent script, usually extra options) does not.
 */
function carriesInitrd(words: readonly string[], from: number, model: ScriptFacts, seen?: Set<string>): boolean {
  for (let i = from; i < words.length; i++) {
    const word = words[i] as string;
    if (isInitrdArgument(word)) return true;
    if (!word.includes('${')) continue;
    for (const match of word.matchAll(/\$\{([^}:]*)(?::[^}]*)?\}/g)) {
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

function carriesValue(value: string, model: ScriptFacts, seen: Set<string>): boolean {
  return carriesInitrd(value.split(/\s+/), 0, model, seen);
}

/** Whether a kernel's command line carries `initrd=` (`carriesInitrd` of its words after the image). */
function kernelCarries(script: IpxeScript, kernel: number, model: ScriptFacts): boolean {
  // The usual case first, read in place: an `initrd=` word makes the answer yes whatever the other words hold.
  for (let word = positionalStart(script, kernel) + 1; word < wordsEnd(script, kernel); word++)
    if (script.firstCode(word) === 105 /* i */ && isInitrdArgument(script.wordText(word))) return true;
  return carriesInitrd(positionalTexts(script, kernel), 1, model);
}

/** The texts of a table command's positional words. */
function positionalTexts(script: IpxeScript, command: number): string[] {
  const texts: string[] = [];
  for (let word = positionalStart(script, command); word < wordsEnd(script, command); word++)
    texts.push(script.wordText(word));
  return texts;
}

/** `imgargs` lines after the kernel (before the next kernel) that name it: each one replaces its command line. */
function imgargsFor(script: IpxeScript, kernel: number, commands: readonly number[], from: number): number[] {
  const found: number[] = [];
  let name: string | undefined;
  let named = false;
  for (let i = from; i < commands.length; i++) {
    const command = commands[i] as number;
    const commandName = script.commandName[command] as string;
    if (KERNEL_COMMANDS.has(commandName)) break;
    if (commandName !== 'imgargs') continue;
    // The kernel's name is needed only when an `imgargs` follows it.
    if (!named) [name, named] = [imageNameAt(script, kernel), true];
    const first = positionalStart(script, command);
    const target = first < wordsEnd(script, command) ? script.wordText(first) : undefined;
    if (target && (target === name || target.includes('${') || name?.includes('${'))) found.push(command);
  }
  return found;
}

/** For each command, the next kernel-or-initrd command after it (or -1): one pass from the end. */
function followingLoads(script: IpxeScript, commands: readonly number[]): Int32Array {
  const following = new Int32Array(commands.length);
  let next = -1;
  for (let i = commands.length - 1; i >= 0; i--) {
    following[i] = next;
    const name = script.commandName[commands[i] as number] as string;
    if (INITRD_COMMANDS.has(name) || KERNEL_COMMANDS.has(name)) next = commands[i] as number;
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
  check(script) {
    const model = factsOf(script);
    const problems: Problem[] = [];
    // Only the loads and `imgargs` matter here: the walks below skip every other command anyway.
    const commands = commandsNamed(model, LOADS);
    const following = followingLoads(script, commands);
    commands.forEach((kernel, index) => {
      if (!KERNEL_COMMANDS.has(script.commandName[kernel] as string)) return;
      const image = positionalStart(script, kernel);
      if (!isLinux(image < wordsEnd(script, kernel) ? script.wordText(image) : undefined)) return;
      const initrd = following[index] as number;
      if (initrd < 0 || !INITRD_COMMANDS.has(script.commandName[initrd] as string)) return;
      const replacing = imgargsFor(script, kernel, commands, index + 1);
      if (!replacing.length && kernelCarries(script, kernel, model)) return;
      const name = imageNameAt(script, initrd) ?? 'initrd.img';
      const related = [{ ...commandSpan(script, initrd), message: 'the initrd loaded for this kernel' }];
      if (replacing.length) {
        for (const imgargs of replacing) {
          if (carriesInitrd(positionalTexts(script, imgargs), 1, model)) continue;
          const end = script.commandEnd(imgargs);
          problems.push(
            report(
              this,
              commandSpan(script, imgargs),
              `\`imgargs\` replaces the kernel's whole command line, and this one has no \`initrd=${name}\`: ${VERSIONS}. ` +
                `Add \`initrd=${name}\`.`,
              { related, fixes: [addInitrd(name, 'imgargs', end)] },
            ),
          );
        }
        return;
      }
      problems.push(
        report(
          this,
          commandSpan(script, kernel),
          `This kernel line has no \`initrd=${name}\`, but an initrd is loaded below: ${VERSIONS}. Add \`initrd=${name}\`.`,
          { related, fixes: [addInitrd(name, 'kernel', script.commandEnd(kernel))] },
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
