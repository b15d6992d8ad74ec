import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { factsOf } from '../facts';
import { ipxeRule, positionalWords } from './shared';

export const setWithEquals = ipxeRule({
  id: 'ipxe.setWithEquals',
  language: 'ipxe',
  severity: 'warning',
  summary:
    '`set name=value` or `set name = value` (shell habit): iPXE takes the first word as the name and the rest as the ' +
    'value, so the setting is not what was meant.',
  example: '#!ipxe\nset base-url=http://nas/boot\nchain ${base-url}/menu.ipxe',
  fix: 'Write `set name value` (quick fix).',
  levelWhy:
    'Warning: the intended setting stays empty (or gets a value starting with `=`), so whatever uses it fetches or boots the wrong thing.',
  check(script) {
    const problems: Problem[] = [];
    for (const command of factsOf(script).named.get('set') ?? []) {
      const positional = positionalWords(script, command);
      const [name, second] = positional;
      if (!name) continue;
      const glued = name.text.indexOf('=');
      if (glued > 0 && !name.text.slice(0, glued).includes('${')) {
        const bare = name.text.slice(0, glued);
        const value = name.text.slice(glued + 1);
        problems.push(
          report(
            this,
            name,
            `\`set ${name.text}\` creates a setting named \`${name.text}\`, not \`${bare}\`: iPXE's \`set\` has no \`=\`, ` +
              `so \`\${${bare}}\` stays empty. Write \`set ${bare} ${value}\`.`,
            {
              fixes: [
                {
                  title: `Change to \`set ${bare} ${value}\``,
                  edits: [{ start: name.start + glued, end: name.start + glued + 1, newText: ' ' }],
                  preferred: true,
                },
              ],
            },
          ),
        );
      } else if (second && (second.text === '=' || (second.text.startsWith('=') && second.text.length > 1))) {
        const end = second.text === '=' ? (positional[2]?.start ?? second.end) : second.start + 1;
        problems.push(
          report(
            this,
            { start: second.start, end: second.start + 1 },
            `\`set ${name.text} ${second.text}…\` puts the \`=\` into the value: \`\${${name.text}}\` starts with "=". ` +
              `iPXE's \`set\` has no \`=\`; write \`set ${name.text} <value>\`.`,
            {
              fixes: [{ title: 'Remove the `=`', edits: [{ start: second.start, end, newText: '' }], preferred: true }],
            },
          ),
        );
      }
    }
    return problems;
  },
});
