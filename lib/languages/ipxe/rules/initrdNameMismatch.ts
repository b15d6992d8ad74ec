import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { IpxeScript, Word } from '../ast';
import { wordsEnd } from '../args';
import { COMMAND_LINE_COMMANDS, INITRD_COMMANDS } from '../catalog';
import { commandsNamed, factsOf, imageNameAt, type ScriptFacts } from '../facts';
import { ipxeRule, isInitrdArgument } from './shared';

export const initrdNameMismatch = ipxeRule({
  id: 'ipxe.initrdNameMismatch',
  language: 'ipxe',
  severity: 'warning',
  summary: 'The kernel line says `initrd=<name>` but no image of that name is loaded: the kernel finds no initramfs.',
  example: '#!ipxe\nkernel http://nas/vmlinuz initrd=main\ninitrd --name initrd http://nas/initrd.img\nboot',
  fix: 'Make `initrd=` match the `--name` (or file name) of the initrd line.',
  levelWhy:
    'Warning: an `initrd=` that names no loaded image is a mistake; under UEFI with iPXE before 2.0 or Linux before 5.7 ' +
    'the kernel boots without its initramfs, elsewhere the argument is ignored.',
  check(script) {
    const model = factsOf(script);
    const names: string[] = [];
    for (const command of commandsNamed(model, INITRD_COMMANDS)) {
      const name = imageNameAt(script, command);
      if (name) names.push(name);
    }
    const known = new Set(names);
    const problems = misnamedMagic(this, script, model, known);
    // Names built from settings are only known at boot time.
    if (names.some((n) => n.includes('${'))) return problems;
    let loaded: string | undefined;
    for (const command of commandsNamed(model, COMMAND_LINE_COMMANDS)) {
      for (let word = (script.commandFirst[command] as number) + 1; word < wordsEnd(script, command); word++) {
        const arg = initrdArgument(script, word);
        if (arg === undefined || !/^initrd=(.+)$/.test(arg)) continue;
        // The names between commas (as `split(',')` gives them, without making the list for a lone name).
        for (let from = 'initrd='.length; from <= arg.length;) {
          let comma = arg.indexOf(',', from);
          if (comma < 0) comma = arg.length;
          const wanted = arg.slice(from, comma);
          from = comma + 1;
          // `initrd.magic` is iPXE's own file of all loaded initrds (UEFI builds after 1.21.1, every 2.x).
          if (known.has(wanted) || wanted.includes('${') || wanted.endsWith('.magic')) continue;
          // The list of loaded names is the same in every message: join it once.
          loaded ??= [...known].join(', ');
          problems.push(notLoaded(this, script.word(word), wanted, names, loaded));
        }
      }
    }
    return problems;
  },
});

/** The text of a table word that is an `initrd=…` argument (told by its first letter first, in place). */
function initrdArgument(script: IpxeScript, word: number): string | undefined {
  if (script.firstCode(word) !== 105 /* i */) return undefined;
  const text = script.wordText(word);
  return isInitrdArgument(text) ? text : undefined;
}

const MAY_NAME_MAGIC = new Set([...COMMAND_LINE_COMMANDS, 'set']);

/** iPXE's file of all initrds is `initrd.magic`; any other `….magic` is a misremembered name (even in a `set`). */
function misnamedMagic(rule: RuleMeta, script: IpxeScript, model: ScriptFacts, known: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const command of commandsNamed(model, MAY_NAME_MAGIC)) {
    for (let word = (script.commandFirst[command] as number) + 1; word < wordsEnd(script, command); word++) {
      const arg = initrdArgument(script, word);
      if (arg === undefined || !arg.includes('.magic')) continue;
      const magic = /^initrd=(?:.*,)?([^,]+\.magic)(?:,|$)/.exec(arg);
      if (!magic || magic[1] === 'initrd.magic' || known.has(magic[1] as string)) continue;
      const start = (script.wordStart[word] as number) + arg.indexOf(magic[1] as string);
      const end = start + (magic[1] as string).length;
      problems.push(
        report(
          rule,
          { start, end },
          `\`${magic[1]}\` is not an image: iPXE's file of all loaded initrds is \`initrd.magic\` (UEFI builds after ` +
            '1.21.1, every 2.x). Under UEFI with iPXE before 2.0 or Linux before 5.7 the kernel finds no initramfs. ' +
            'Did you mean `initrd.magic`?',
          {
            fixes: [
              { title: 'Change to `initrd.magic`', edits: [{ start, end, newText: 'initrd.magic' }], preferred: true },
            ],
          },
        ),
      );
    }
  }
  return problems;
}

/** `initrd=<wanted>` on a kernel line while no loaded image has that name. */
function notLoaded(rule: RuleMeta, arg: Word, wanted: string, names: string[], loaded: string): Problem {
  const suggestion = didYouMean(wanted, names);
  const advice = suggestion
    ? `. Did you mean \`${suggestion}\`?`
    : '. Name the image (`initrd --name …`) or use its file name; `initrd=` takes a name, not a URL.';
  return report(
    rule,
    { start: arg.start + 'initrd='.length, end: arg.end },
    names.length
      ? `No initrd named \`${wanted}\` is loaded (loaded: ${loaded}): under UEFI with iPXE before 2.0 ` +
          `or Linux before 5.7 the kernel boots without its initramfs${advice}`
      : `\`initrd=${wanted}\` but no initrd is loaded: add \`initrd --name ${wanted} <url>\`.`,
    suggestion
      ? {
          fixes: [
            {
              title: `Change to \`initrd=${suggestion}\``,
              edits: [{ start: arg.start, end: arg.end, newText: `initrd=${suggestion}` }],
              preferred: true,
            },
          ],
        }
      : undefined,
  );
}
