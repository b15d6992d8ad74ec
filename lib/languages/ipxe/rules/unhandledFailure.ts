import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { OR, type IpxeScript } from '../ast';
import { commandsWith } from '../catalog';
import { factsOf } from '../facts';
import { ipxeRule, spanOf } from './shared';

const FETCHES = commandsWith('fetch');

export const unhandledFailure = ipxeRule({
  id: 'ipxe.unhandledFailure',
  language: 'ipxe',
  severity: 'info',
  summary:
    'A download or boot command whose failure is not handled (or handled by a `goto` to a label this script lacks): a ' +
    'failing line aborts the whole script, leaving the machine at a prompt or to the script that ' +
    'chained it.',
  example: '#!ipxe\nkernel http://nas/vmlinuz',
  fix: 'Add `|| goto failed` (with a `:failed` label that retries, shows a message or drops to a shell).',
  levelWhy:
    'Info: advice; stopping the script on a failed download is often acceptable (the firmware tries the next boot ' +
    'device), so it is not a mistake in itself.',
  check(script) {
    const problems: Problem[] = [];
    const labels = factsOf(script).labels;
    // A script repeats its unhandled lines (thousands of `initrd …` alike): one message string per kind.
    const messages = new Map<string, string>();
    for (let command = 0; command < script.commandCount; command++) {
      const name = script.commandName[command] as string;
      if (!FETCHES.has(name)) continue;
      // Handled when some later command on the line runs on failure, unless that is a goto to no label here.
      const handler = handlerOf(script, command);
      const target = handler >= 0 ? gotoTarget(script, handler) : undefined;
      const missing = target !== undefined && !target.includes('${') && !labels.has(target) ? target : undefined;
      if (handler >= 0 && !missing) continue;
      const key = missing === undefined ? name : `${name}\n${missing}`;
      let message = messages.get(key);
      if (message === undefined) messages.set(key, (message = messageFor(name, missing)));
      problems.push(report(this, spanOf(script, script.commandFirst[command] as number), message));
    }
    return problems;
  },
});

function messageFor(name: string, missing: string | undefined): string {
  return missing
    ? `If \`${name}\` fails, \`goto ${missing}\` fails too (no \`:${missing}\` in this script; \`goto\` never ` +
        'searches the script that chained this one), so the script stops with the error, which goes on to ' +
        `whatever ran it. Add a \`:${missing}\` label here if this script should handle it.`
    : `If \`${name}\` fails (server down, typo in the URL), the whole script stops here. ` +
        'Add `|| goto failed` and a `:failed` label.';
}

/** The command that runs when `command` fails: the one after the first `||` from it on its line, or -1. */
function handlerOf(script: IpxeScript, command: number): number {
  const line = script.commandLine[command] as number;
  const end = (script.lineFirst[line] as number) + (script.lineCommands[line] as number);
  for (let other = command; other < end; other++)
    if (script.commandNext[other] === OR) return other + 1 < end ? other + 1 : other;
  return -1;
}

/** The first argument of a `goto`, or undefined for another command (or a `goto` without one). */
function gotoTarget(script: IpxeScript, command: number): string | undefined {
  if (script.commandName[command] !== 'goto' || (script.commandWords[command] as number) < 2) return undefined;
  return script.wordText((script.commandFirst[command] as number) + 1);
}
