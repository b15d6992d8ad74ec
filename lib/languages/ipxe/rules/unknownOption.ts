import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import { hasOptionsAt, wordsEnd } from '../args';
import type { IpxeScript } from '../ast';
import { COMMANDS, optionSpelled, type CommandSpec } from '../catalog';
import { didYouMean } from '../../../core/suggest';
import { factsOf } from '../facts';
import { ipxeRule } from './shared';

/** `--name`, `-n` or `--name=value`: the dashes, the name and the value. */
const OPTION = /^(--?)([A-Za-z][\w-]*)(=.*)?$/;

export const unknownOption = ipxeRule({
  id: 'ipxe.unknownOption',
  language: 'ipxe',
  severity: 'error',
  summary: 'An option the command does not take: iPXE prints its usage and the line fails.',
  example: '#!ipxe\nimgfetch --nmae main http://nas/initrd.img',
  fix: 'Use one of the options the command lists (the message suggests the closest).',
  levelWhy: 'Error: iPXE prints the usage and the line fails, which aborts the script unless it is handled.',
  check(script) {
    const problems: Problem[] = [];
    for (const [name, commands] of factsOf(script).named) {
      const spec = COMMANDS.get(name);
      if (!spec) continue;
      for (const command of commands)
        if (hasOptionsAt(script, command)) unknownOptions(this, script, command, spec, problems);
    }
    return problems;
  },
});

/** The options of `command` that `spec` does not list (options come first: the first positional word ends them). */
function unknownOptions(
  rule: RuleMeta,
  script: IpxeScript,
  command: number,
  spec: CommandSpec,
  problems: Problem[],
): void {
  const options = spec.options ?? [];
  for (let word = (script.commandFirst[command] as number) + 1; word < wordsEnd(script, command); word++) {
    const arg = { text: script.wordText(word), start: script.wordStart[word] as number };
    if (arg.text.charCodeAt(0) !== 45 /* - */) break;
    if (optionSpelled(spec, arg.text)) continue;
    const match = OPTION.exec(arg.text);
    if (!match) break;
    const dashes = match[1] as string;
    const name = match[2] as string;
    const known = dashes === '--' ? options.some((o) => o.long === name) : options.some((o) => o.short === name);
    if (known) continue;
    if (dashes === '-' && name.length > 1) break; // `-foo` is a positional word to iPXE's getopt only after options
    const suggestion =
      dashes === '--'
        ? didYouMean(
            name,
            options.map((o) => o.long),
          )
        : undefined;
    const list = options.length ? options.map((o) => `--${o.long}`).join(', ') : 'none';
    const end = arg.start + dashes.length + name.length;
    const said = suggestion ? `: did you mean \`--${suggestion}\`?` : `. Its options: ${list}.`;
    problems.push(
      report(
        rule,
        { start: arg.start, end },
        `\`${script.commandName[command]}\` has no option \`${dashes}${name}\`${said}`,
        suggestion
          ? {
              fixes: [
                {
                  title: `Change to \`--${suggestion}\``,
                  edits: [{ start: arg.start, end, newText: `--${suggestion}` }],
                  preferred: true,
                },
              ],
            }
          : undefined,
      ),
    );
  }
}
