import { join } from 'node:path';
import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import type { RuleContext } from '../../../core/ruleContext';
import { COMMANDS } from '../catalog';
import type { GrubImage } from '../image';
import { grubLoaders, moduleFolder, type GrubLoaders } from '../loader';
import { commandWord, functionNames, grubRule } from './shared';

/** Why the image cannot run a command from `module`, or undefined when it can. */
function unavailable(
  loaders: GrubLoaders,
  image: GrubImage,
  module: string,
  vendorOnly: boolean,
  context: RuleContext,
  secure: boolean,
): string | undefined {
  if (image.modules.includes(module)) return undefined;
  // Distribution commands live in other modules elsewhere (linuxefi is in Fedora's `linux`): only Debian's and
  // Ubuntu's layout (a linuxefi module) and upstream builds (no such command) are judged.
  if (vendorOnly && image.sbat?.vendor && !['debian', 'ubuntu'].includes(image.sbat.vendor)) return undefined;
  if (secure)
    return `its module ${module} is not built into the image, and under Secure Boot GRUB loads no module files`;
  const folder = moduleFolder(loaders, image);
  if (!folder) return undefined;
  if (context.files?.exists(join(folder, `${module}.mod`))) return undefined;
  return `its module ${module} is neither built into the image nor in ${folder}`;
}

export const commandUnavailable = grubRule({
  id: 'grub.commandUnavailable',
  language: 'grub',
  severity: 'warning',
  summary:
    'A command (or `insmod` module) the GRUB image in the TFTP root cannot run: its module is not built in and ' +
    'cannot be loaded (no module file, or Secure Boot through shim), or Secure Boot lockdown refuses it.',
  example: "insmod regexp   # Debian's signed grubnetx64.efi beside shim, regexp not built in\nlinuxefi /vmlinuz",
  fix:
    'Use a command the image has (`linux` for `linuxefi`), build the module into the image, or copy the module ' +
    'files beside it when Secure Boot is off.',
  levelWhy:
    'Warning: GRUB answers "can\'t find command" (or refuses the module under Secure Boot) and goes on without the ' +
    'line; it is not an error because the machines may boot another image than the one this root holds.',
  check(config, _text, context) {
    const loaders = grubLoaders(context);
    if (!loaders?.images.length) return [];
    const functions = functionNames(config);
    const problems: Problem[] = [];
    const name = (img: { path: string }): string => img.path.slice(loaders.root.length + 1);
    // Secure Boot as the site says it, else as shim in the root suggests (shim is there for it).
    const said = context.site?.secureBoot?.uefi;
    const secure = said ?? loaders.shim;
    const why = said === undefined ? 'shim is in this TFTP root' : 'pxe-site.json says so';
    for (const command of config.commands) {
      const word = commandWord(command);
      if (!word || functions.has(word.value)) continue;
      const spec = COMMANDS.get(word.value);
      if (!spec) continue;
      if (spec.lockdown && secure) {
        problems.push(
          report(
            this,
            word,
            `Under Secure Boot (${why}) GRUB 2.06 and later are locked down and refuse \`${word.value}\`: ` +
              'the line fails. Drop it, or test `[ "$lockdown" != y ]` before it.',
          ),
        );
        continue;
      }
      const isInsmod = word.value === 'insmod';
      const module = isInsmod ? command.args[0]?.value : spec.module;
      // The normal module is reading this very config: its commands (menuentry, export, …) are there.
      if (!module || module === 'normal' || /[$/()]/.test(module)) continue;
      const reasons = loaders.images.map((i) =>
        unavailable(loaders, i.image, module, !isInsmod && spec.vendor !== undefined, context, secure),
      );
      const reason = reasons[0];
      if (!reason || reasons.some((r) => r === undefined)) continue;
      const images = loaders.images.map(name).join(', ');
      const target = isInsmod ? (command.args[0] ?? word) : word;
      problems.push(
        report(
          this,
          target,
          isInsmod
            ? `The GRUB here (${images}) cannot load module ${module}: ${reason.replace(/^its module \S+ /, 'it ')}. ` +
                'The insmod fails; what needs the module does not work.'
            : `The GRUB here (${images}) cannot run \`${word.value}\`: ${reason}. It answers "can't find command".` +
                (word.value === 'linuxefi' || word.value === 'initrdefi'
                  ? ` Use \`${word.value.replace('efi', '')}\`.`
                  : ''),
        ),
      );
    }
    return problems;
  },
});
