import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { commandsNamed, factsOf } from '../facts';
import { OR } from '../ast';
import { ipxeRule, positionalWords } from './shared';

const TESTS = new Set(['isset', 'iseq']);

export const constantCondition = ipxeRule({
  id: 'ipxe.constantCondition',
  language: 'ipxe',
  severity: 'warning',
  summary:
    '`isset name` (without `${…}`) or `iseq` of two fixed words: the test never looks at a setting, so it always gives the same answer.',
  example: '#!ipxe\nisset base-url || set base-url http://nas/boot',
  fix: 'Test the value: `isset ${name}`, `iseq ${name} value` (quick fix for isset).',
  levelWhy:
    'Warning: the branch it guards always or never runs (typically a default that is never applied); the script runs on, so not an error.',
  check(script) {
    const problems: Problem[] = [];
    for (const command of commandsNamed(factsOf(script), TESTS)) {
      const name = script.commandName[command] as string;
      const positional = positionalWords(script, command);
      if (name === 'isset' && positional.length === 1 && !(positional[0] as { text: string }).text.includes('${')) {
        const word = positional[0] as (typeof positional)[number];
        const never = script.commandNext[command] === OR ? ' and the command after `||` never runs' : '';
        problems.push(
          report(
            this,
            word,
            `\`isset ${word.text}\` tests the word "${word.text}", which is never empty, so it always succeeds${never}. ` +
              `Write \`isset \${${word.text}}\`.`,
            {
              fixes: [
                {
                  title: `Change to \`isset \${${word.text}}\``,
                  edits: [{ start: word.start, end: word.end, newText: `\${${word.text}}` }],
                  preferred: true,
                },
              ],
            },
          ),
        );
      }
      if (name === 'iseq' && positional.length === 2 && positional.every((w) => !w.text.includes('${'))) {
        const [a, b] = positional as [(typeof positional)[number], (typeof positional)[number]];
        problems.push(
          report(
            this,
            { start: a.start, end: b.end },
            `\`iseq ${a.text} ${b.text}\` compares two fixed words, so it always ${a.text === b.text ? 'succeeds' : 'fails'}: ` +
              `one side was probably meant to be \`\${${a.text}}\`.`,
          ),
        );
      }
    }
    return problems;
  },
});
