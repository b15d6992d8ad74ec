import type { Problem } from '../../../core/problem';
import { changeTo, report, type RuleMeta } from '../../../core/rule';
import type { Command, Word } from '../ast';
import { grubRule } from './shared';

const literal = (w: Word): boolean => !w.template && !w.vars.length;

/** `set name value`, `set name = value`, `set name`: GRUB's "not an assignment". */
function notAssignment(rule: RuleMeta, command: Command, first: Word, extra: Word[]): Problem {
  const name = first.value;
  const values = extra
    .map((w) => w.value)
    .filter((v) => v !== '=')
    .map((v) => v.replace(/^=/, ''));
  const joined = values.join(' ');
  const fixed =
    values.length && !/["$\\]/.test(joined)
      ? `set ${name}=${values.length > 1 || /\s/.test(joined) ? `"${joined}"` : joined}`
      : undefined;
  const written = `set ${[first, ...extra].map((w) => w.text).join(' ')}`;
  const advice = fixed
    ? `write \`${fixed}\` (no spaces around \`=\`).`
    : values.length
      ? `write \`set ${name}=VALUE\` with no spaces around \`=\`.`
      : `write \`set ${name}=\` to empty it, or \`unset ${name}\`.`;
  return report(
    rule,
    { start: command.start, end: command.end },
    `GRUB refuses \`${written}\` ("not an assignment") and ${name} keeps its old value: ${advice}`,
    fixed ? { fixes: [changeTo(command, fixed)] } : undefined,
  );
}

/** `set a=1 b=2`, `a=1 else …`: only the first word counts. */
function ignoredRest(rule: RuleMeta, command: Command, first: Word, extra: Word[]): Problem {
  const name = first.value.slice(0, first.value.indexOf('='));
  const keyword = extra.find((w) => !w.quoted && /^(then|else|elif|fi|do|done)$/.test(w.value));
  if (keyword)
    return report(
      rule,
      keyword,
      `\`${keyword.value}\` here is only an argument of \`${command.name.value}\` (no \`;\` before it): GRUB sets ` +
        `${name} from \`${first.text}\` alone and never sees this \`${keyword.value}\`. Write \`; ${keyword.value}\`.`,
      {
        fixes: [
          {
            title: `Add \`;\` before \`${keyword.value}\``,
            edits: [{ start: keyword.start, end: keyword.start, newText: '; ' }],
            preferred: true,
          },
        ],
      },
    );
  const last = extra[extra.length - 1] as Word;
  return report(
    rule,
    { start: (extra[0] as Word).start, end: last.end },
    `GRUB sets ${name} from \`${first.text}\` alone and ignores the rest of the line: quote the whole value ` +
      `(\`${name}="${first.value.slice(name.length + 1)} ${extra.map((w) => w.value).join(' ')}"\`) or put ` +
      'each assignment on its own line.',
  );
}

export const setSyntax = grubRule({
  id: 'grub.setSyntax',
  language: 'grub',
  severity: 'warning',
  summary:
    '`set` without `name=value` in one word (`set timeout 5`, `set timeout = 5`), or words after the value: GRUB ' +
    'refuses the first ("not an assignment") and ignores the rest.',
  example: 'set default = fcos',
  fix: 'Write `set name=value` with no spaces around `=`; quote a value that has spaces.',
  levelWhy:
    'Warning: the variable keeps its old value (a timeout, a default entry, a root device) and GRUB goes on, so the ' +
    'menu behaves as if the line were not there.',
  check(config) {
    const problems: Problem[] = [];
    for (const command of config.commands) {
      const isSet = command.name.value === 'set' && !command.name.quoted;
      const bare = !command.name.quoted && literal(command.name) && /^[\w.]+=/.test(command.name.value);
      if (!isSet && !bare) continue;
      const first = isSet ? command.args[0] : command.name;
      if (!first || !literal(first)) continue;
      const extra = isSet ? command.args.slice(1) : command.args;
      if (extra.some((w) => w.template)) continue;
      if (!first.value.includes('=')) {
        if (isSet) problems.push(notAssignment(this, command, first, extra));
      } else if (extra.length) problems.push(ignoredRest(this, command, first, extra));
    }
    return problems;
  },
});
