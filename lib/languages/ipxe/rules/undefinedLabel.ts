import type { Problem } from '../../../core/problem';
import { changeTo, report, type RuleMeta } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { OR, type IpxeScript } from '../ast';
import { splitAt } from '../args';
import { deadCommands } from '../flow';
import { factsOf, isLiteral, type ScriptFacts } from '../facts';
import { ipxeRule, spanOf } from './shared';

export const undefinedLabel = ipxeRule({
  id: 'ipxe.undefinedLabel',
  language: 'ipxe',
  // A warning: `goto` to a missing label fails only when reached, often on an error path.
  severity: 'warning',
  summary:
    '`goto` names a label the script does not define (the line fails), or `choose --default` names an item that does not ' +
    'exist while a timeout or a near-miss shows a default was meant.',
  example: '#!ipxe\ngoto retyr\n:retry',
  fix: 'Correct the label name, or add the `:label` line (quick fix).',
  levelWhy:
    'Warning, not error: a `goto` to a missing label fails only when it runs, often on an error path (a sub-menu jumping ' +
    'to a label of the script that chained it); a missing `--default` item loses the intended ' +
    'default.',
  check(script, text) {
    const model = factsOf(script);
    return [...missingGotoTargets(this, script, model, text), ...missingDefaults(this, script, model)];
  },
});

/** `goto`s to labels the script lacks (lines that never run are left to ipxe.unreachableCode). */
function missingGotoTargets(rule: RuleMeta, script: IpxeScript, model: ScriptFacts, text: string): Problem[] {
  const problems: Problem[] = [];
  // Many gotos may share one missing name: look for its closest label once.
  const suggestions = new Map<string, string | undefined>();
  let dead: Set<number> | undefined;
  for (let k = 0; k < model.gotos.length; k++) {
    const command = model.gotos[k] as number;
    const word = model.gotoTargets[k] as number;
    const name = script.wordText(word);
    if (name.includes('${') || model.labels.has(name)) continue;
    // Lines that never run are looked for only once a goto misses its label.
    dead ??= deadCommands(script);
    if (dead.has(command)) continue;
    const target = { text: name, ...spanOf(script, word) };
    if (!suggestions.has(target.text)) suggestions.set(target.text, didYouMean(target.text, model.labels.keys()));
    const suggestion = suggestions.get(target.text);
    // `X || goto error` with no such label (and no near miss): the failure simply goes on to whatever ran this
    // script (a parent menu's `chain … || goto error`), as if unhandled; ipxe.unhandledFailure says so, at info.
    if (script.commandPrevious[command] === OR && !suggestion) continue;
    const append = text.endsWith('\n') || text.length === 0 ? '' : '\n';
    const advice = suggestion ? `. Did you mean \`${suggestion}\`?` : '. Add the label, or correct the name.';
    problems.push(
      report(
        rule,
        target,
        `No label \`:${target.text}\` in this script: \`goto\` only searches the current script, so this line fails${advice}`,
        {
          fixes: [
            ...(suggestion ? [changeTo(target, suggestion)] : []),
            {
              title: `Create label \`:${target.text}\` at the end`,
              edits: [{ start: text.length, end: text.length, newText: `${append}\n:${target.text}\n` }],
            },
          ],
        },
      ),
    );
  }
  return problems;
}

/** `choose --default` naming no item, where it matters: a timeout picks it, or the name is a near miss. */
function missingDefaults(rule: RuleMeta, script: IpxeScript, model: ScriptFacts): Problem[] {
  const problems: Problem[] = [];
  const items = model.items.map((i) => i.label.text);
  for (const command of model.named.get('choose') ?? []) {
    const { options } = splitAt(script, command);
    const fallback = options.get('default');
    if (!fallback || !isLiteral(fallback) || items.includes(fallback.text)) continue;
    // iPXE preselects the first item when the default names none: harmless unless a timeout picks it, or the
    // name is a near-miss of an item (a typo, so the intended default is lost).
    const suggestion = didYouMean(fallback.text, items);
    if (!suggestion && !options.has('timeout')) continue;
    const timeout = options.has('timeout') ? ' and boots it when the timeout runs out' : '';
    problems.push(
      report(
        rule,
        fallback,
        `\`choose --default ${fallback.text}\`: no menu \`item\` is labelled \`${fallback.text}\`, so iPXE preselects ` +
          `the first item${timeout}${suggestion ? `. Did you mean \`${suggestion}\`?` : '.'}`,
        suggestion ? { fixes: [changeTo(fallback, suggestion)] } : undefined,
      ),
    );
  }
  return problems;
}
