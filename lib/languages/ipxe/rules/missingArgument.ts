import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import type { IpxeScript } from '../ast';
import { danglingOptionAt, hasOptionsAt, positionalStart, wordsEnd } from '../args';
import { arityOf, COMMANDS, type CommandSpec, type OptionSpec } from '../catalog';
import { factsOf } from '../facts';
import { ipxeRule, spanOf } from './shared';

export const missingArgument = ipxeRule({
  id: 'ipxe.missingArgument',
  language: 'ipxe',
  severity: 'error',
  summary: 'A command is missing a required argument, or an option its value: the line fails with a usage message.',
  example: '#!ipxe\ngoto\nchoose --default',
  fix: 'Add the missing argument (the message names it and shows the synopsis).',
  levelWhy: 'Error: iPXE prints the usage and the line fails, which aborts the script unless it is handled.',
  check(script) {
    const problems: Problem[] = [];
    for (const [name, commands] of factsOf(script).named) {
      const spec = COMMANDS.get(name);
      if (!spec) continue;
      // Read once per command name: the synopsis, and the options that take a value.
      const arity = arityOf(spec.synopsis);
      const valued = spec.options?.filter((o) => o.arg) ?? [];
      if (!arity.min && !valued.length) continue;
      for (const command of commands) {
        // Without a leading `-` there are no options to miss a value (and nothing to split).
        if (valued.length && hasOptionsAt(script, command))
          missingValues(this, script, command, spec, valued, problems);
        const positional = wordsEnd(script, command) - positionalStart(script, command);
        if (positional < arity.min) {
          const missing = arity.required.slice(positional).join(' ');
          problems.push(
            report(
              this,
              { start: script.commandStart(command), end: script.commandEnd(command) },
              `\`${name}\` needs ${missing}. Synopsis: \`${spec.synopsis}\``,
            ),
          );
        }
      }
    }
    return problems;
  },
});

/** An option that takes a value, given without one (`choose --default` at the end of the line). */
function missingValues(
  rule: RuleMeta,
  script: IpxeScript,
  command: number,
  spec: CommandSpec,
  valued: OptionSpec[],
  problems: Problem[],
): void {
  const dangling = danglingOptionAt(script, command);
  if (!dangling) return;
  for (const option of valued) {
    if (option.long !== dangling.long) continue;
    const name = script.commandFirst[command] as number;
    let word = name;
    for (let arg = name + 1; arg < wordsEnd(script, command) && word === name; arg++) {
      const text = script.wordText(arg);
      if (text === `--${option.long}` || text === `-${option.short}`) word = arg;
    }
    const text = script.wordText(word);
    problems.push(
      report(rule, spanOf(script, word), `\`${text}\` needs a value (<${option.arg}>). Synopsis: \`${spec.synopsis}\``),
    );
  }
}
