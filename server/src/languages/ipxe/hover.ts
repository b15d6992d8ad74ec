import type { HoverInfo } from '../../core/language';
import type { IpxeScript } from './ast';
import { COMMANDS } from './catalog';

/** Docs for the command or option under the cursor. */
export function hoverIpxe(script: IpxeScript, _text: string, offset: number): HoverInfo | undefined {
  for (const line of script.lines) {
    if (offset < line.start || offset > line.end) continue;
    for (const command of line.commands) {
      const spec = COMMANDS.get(command.name.text);
      if (!spec) continue;
      const { name } = command;
      if (offset >= name.start && offset <= name.end) {
        return { markdown: `**${name.text}** — \`${spec.synopsis}\`\n\n${spec.summary}`, start: name.start, end: name.end };
      }
      for (const arg of command.args) {
        if (offset < arg.start || offset > arg.end) continue;
        const match = /^--?([\w-]+)/.exec(arg.text);
        const option = match && spec.options?.find((o) => (arg.text.startsWith('--') ? o.long : o.short) === match[1]);
        if (option) {
          const value = option.arg ? ` <${option.arg}>` : '';
          return { markdown: `\`--${option.long}${value}\` (\`-${option.short}\`): option of **${name.text}**\n\n\`${spec.synopsis}\``, start: arg.start, end: arg.end };
        }
      }
    }
  }
  return undefined;
}
