import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import type { Command } from '../ast';
import { mayHaveOptions, positionalOf, splitArgs } from '../args';
import { arityOf, COMMANDS, type CommandSpec, type OptionSpec } from '../catalog';
import { modelOf } from '../model';
import { ipxeRule } from './shared';

export const missingArgument = ipxeRule({
  id: 'ipxe.missingArgument',
  language: 'ipxe',
  severity: 'error',
  summary: 'A command is missing a required argument, or an option its value: the line fails with a usage message.',
  example: '#!ipxe\ngoto\nchoose --default',
  fix: 'Add the missing argument (the message names it and shows the synopsis).',
  levelWhy: 'Error: iPXE prints the usage and the line fails, which aborts the script unless it is handled.',
  check(script, text) {
    const problems: Problem[] = [];
    for (const [name, commands] of modelOf(script, text).named) {
      const spec = COMMANDS.get(name);
      if (!spec) continue;
      // Read once per command name: the synopsis, and the options that take a value.
      const arity = arityOf(spec.synopsis);
      const valued = spec.options?.filter((o) => o.arg) ?? [];
      if (!arity.min && !valued.length) continue;
      for (const command of commands) {
        // Without a leading `-` there are no options to miss a value (and nothing to split).
        if (valued.length && mayHaveOptions(command)) missingValues(this, command, spec, valued, problems);
        const positional = positionalOf(command);
        if (positional.length < arity.min) {
          const missing = arity.required.slice(positional.length).join(' ');
          problems.push(
            report(
              this,
              { start: command.name.start, end: command.end },
              `\`${command.name.text}\` needs ${missing}. Synopsis: \`${spec.synopsis}\``,
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
  command: Command,
  spec: CommandSpec,
  valued: OptionSpec[],
  problems: Problem[],
): void {
  const { options } = splitArgs(command);
  for (const option of valued) {
    if (!options.has(option.long) || options.get(option.long) !== undefined) continue;
    const word =
      command.args.find((a) => a.text === `--${option.long}` || a.text === `-${option.short}`) ?? command.name;
    problems.push(
      report(rule, word, `\`${word.text}\` needs a value (<${option.arg}>). Synopsis: \`${spec.synopsis}\``),
    );
  }
}
