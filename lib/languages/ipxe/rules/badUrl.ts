import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import { JOINED, type IpxeScript } from '../ast';
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
    for (let command = 0; command < script.commandCount; command++) {
      const first = script.commandFirst[command] as number;
      const end = first + (script.commandWords[command] as number);
      for (let word = first + 1; word < end; word++) if (mayBeUrl(script, word)) checkUrl(this, script, word, problems);
    }
    return problems;
  },
});

/**
 * False when the word cannot hold a scheme: every `http:`, `https//`, `ftp:`… has a `p` or `s` right before a
 * `:` or `/`. Tested in place, so the words of a big script are not made into strings.
 */
function mayBeUrl(script: IpxeScript, word: number): boolean {
  if ((script.wordFlags[word] as number) & JOINED) return true;
  const text = script.text;
  const end = script.wordEnd[word] as number;
  for (let i = (script.wordStart[word] as number) + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 58 /* : */ && code !== 47 /* / */) continue;
    const before = text.charCodeAt(i - 1) | 32; // lower case
    if (before === 112 /* p */ || before === 115 /* s */) return true;
  }
  return false;
}

/** A URL on its own, or as a kernel argument's value (`ignition.config.url=http://…`). */
function checkUrl(rule: RuleMeta, script: IpxeScript, word: number, problems: Problem[]): void {
  const arg = {
    text: script.wordText(word),
    start: script.wordStart[word] as number,
    end: script.wordEnd[word] as number,
  };
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
