import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import type { Word } from '../ast';
import { ipxeRule } from './shared';

const URLISH = /(https?|tftp|ftp)(:|\/\/)/i;

export const badUrl = ipxeRule({
  id: 'ipxe.badUrl',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A URL with a broken shape (`http:/host`, `http//host`, no host, a bad port): the download fails.',
  example: '#!ipxe\nchain http:/192.168.255.2/boot.ipxe',
  fix: 'Write it as `http://host[:port]/path`.',
  levelWhy:
    'Warning: the download fails when the line runs; often on a fallback path, and a URL can be fixed up by a setting at ' +
    'boot time, so not an error.',
  check(script) {
    const problems: Problem[] = [];
    for (const line of script.lines)
      for (const command of line.commands) for (const arg of command.args) checkUrl(this, arg, problems);
    return problems;
  },
});

/** A URL on its own, or as a kernel argument's value (`ignition.config.url=http://…`). */
function checkUrl(rule: RuleMeta, arg: Word, problems: Problem[]): void {
  if (!URLISH.test(arg.text)) return;
  const value = arg.text.replace(/^[\w.-]+=/, '');
  const offset = arg.text.length - value.length;
  if (!/^(https?|tftp|ftp)(:|\/\/)/i.test(value)) return;
  const problem = urlProblem(value);
  if (problem)
    problems.push(
      report(
        rule,
        { start: arg.start + offset, end: arg.end },
        `${problem} Write it as \`scheme://host[:port]/path\`.`,
      ),
    );
}

function urlProblem(url: string): string | undefined {
  const m = /^(\w+)(:?)(\/*)(.*)$/.exec(url);
  if (!m) return undefined;
  const [, scheme, colon, slashes, rest] = m as unknown as [string, string, string, string, string];
  if (!colon) return `\`${scheme}//…\` is missing the colon after \`${scheme}\`.`;
  if (slashes.length !== 2) return `\`${scheme}:${slashes}…\` needs exactly two slashes after the colon.`;
  const authority = rest.split(/[/?#]/)[0] ?? '';
  if (!authority) return 'The URL has no host.';
  const host = authority.replace(/^[^@]*@/, '');
  const port = /:(\d*)$/.exec(host);
  if (port && !host.includes('${') && (port[1] === '' || Number(port[1]) > 65535))
    return `\`${port[1] || '(empty)'}\` is not a valid port.`;
  return undefined;
}
