import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { IpxeScript } from '../ast';
import { splitArgs } from '../args';
import { isLiteral, modelOf, type MenuItem } from '../model';
import { deadBlocks } from './flow';

export const undefinedLabel: Rule<IpxeScript> = {
  id: 'ipxe.undefinedLabel',
  language: 'ipxe',
  // A warning: `goto` to a missing label fails only when reached, often on an error path.
  severity: 'warning',
  summary:
    '`goto` names a label the script does not define (the line fails), or `choose --default` names an item that does not exist while a timeout or a near-miss shows a default was meant.',
  example: '#!ipxe\ngoto retyr\n:retry',
  fix: 'Correct the label name, or add the `:label` line (quick fix).',
  levelWhy:
    'Warning, not error: a `goto` to a missing label fails only when it runs, often on an error path (a sub-menu jumping to a label of the script that chained it); a missing `--default` item loses the intended default.',
  check(script, text) {
    const model = modelOf(script, text);
    const problems: Problem[] = [];
    // Many gotos may share one missing name: look for its closest label once.
    const suggestions = new Map<string, string | undefined>();
    // Lines that never run are left to ipxe.unreachableCode.
    const dead = new Set(deadBlocks(script).flatMap((b) => b.lines.flatMap((l) => l.commands)));
    for (const { target, command } of model.gotos) {
      if (!isLiteral(target) || model.labels.has(target.text) || dead.has(command)) continue;
      if (!suggestions.has(target.text)) suggestions.set(target.text, didYouMean(target.text, model.labels.keys()));
      const suggestion = suggestions.get(target.text);
      // `X || goto error` with no such label (and no near miss): the failure simply goes on to whatever ran this
      // script (a parent menu's `chain … || goto error`), as if unhandled; ipxe.unhandledFailure says so, at info.
      if (command.previous === '||' && !suggestion) continue;
      const append = text.endsWith('\n') || text.length === 0 ? '' : '\n';
      problems.push({
        ruleId: this.id,
        start: target.start,
        end: target.end,
        message: `No label \`:${target.text}\` in this script: \`goto\` only searches the current script, so this line fails${suggestion ? `. Did you mean \`${suggestion}\`?` : '. Add the label, or correct the name.'}`,
        fixes: [
          ...(suggestion
            ? [
                {
                  title: `Change to \`${suggestion}\``,
                  edits: [{ start: target.start, end: target.end, newText: suggestion }],
                  preferred: true,
                },
              ]
            : []),
          {
            title: `Create label \`:${target.text}\` at the end`,
            edits: [{ start: text.length, end: text.length, newText: `${append}\n:${target.text}\n` }],
          },
        ],
      });
    }
    const items = model.items.map((i) => i.label.text);
    for (const { command } of model.commands) {
      if (command.name.text !== 'choose') continue;
      const { options } = splitArgs(command);
      const fallback = options.get('default');
      if (!fallback || !isLiteral(fallback) || items.includes(fallback.text)) continue;
      // iPXE preselects the first item when the default names none: harmless unless a timeout picks it, or the
      // name is a near-miss of an item (a typo, so the intended default is lost).
      const suggestion = didYouMean(fallback.text, items);
      if (!suggestion && !options.has('timeout')) continue;
      problems.push({
        ruleId: this.id,
        start: fallback.start,
        end: fallback.end,
        message: `\`choose --default ${fallback.text}\`: no menu \`item\` is labelled \`${fallback.text}\`, so iPXE preselects the first item${options.has('timeout') ? ' and boots it when the timeout runs out' : ''}${suggestion ? `. Did you mean \`${suggestion}\`?` : '.'}`,
        ...(suggestion
          ? {
              fixes: [
                {
                  title: `Change to \`${suggestion}\``,
                  edits: [{ start: fallback.start, end: fallback.end, newText: suggestion }],
                  preferred: true,
                },
              ],
            }
          : {}),
      });
    }
    return problems;
  },
};

export const duplicateLabel: Rule<IpxeScript> = {
  id: 'ipxe.duplicateLabel',
  language: 'ipxe',
  severity: 'warning',
  summary: 'The same `:label` twice: `goto` always jumps to the first one, the second is never a target.',
  example: '#!ipxe\n:start\necho one\n:start\necho two',
  fix: 'Rename one of the labels.',
  levelWhy:
    'Warning: the code after the second label is reachable only by falling into it, which is rarely what was meant.',
  check(script, text) {
    const problems: Problem[] = [];
    for (const [name, labels] of modelOf(script, text).labels) {
      const [first, ...rest] = labels;
      for (const label of rest) {
        problems.push({
          ruleId: this.id,
          start: label.start,
          end: label.end,
          message: `Label \`:${name}\` is already defined above; \`goto ${name}\` always goes to the first one.`,
          ...(first ? { related: [{ start: first.start, end: first.end, message: 'first definition' }] } : {}),
        });
      }
    }
    return problems;
  },
};

export const menuTargetWithoutLabel: Rule<IpxeScript> = {
  id: 'ipxe.menuTargetWithoutLabel',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'A menu `item` whose label has no `:label` line, while the choice is followed with `goto ${…}`: picking it fails.',
  example: '#!ipxe\nmenu Boot\nitem fcos Fedora CoreOS\nchoose target && goto ${target}',
  fix: 'Add the `:label` for the item (quick fix), or correct the item name.',
  levelWhy:
    'Warning: picking that item makes the `goto` fail and the script abort; only that entry breaks, the rest of the menu works.',
  check(script, text) {
    const model = modelOf(script, text);
    // Menus whose choice is followed by `goto prefix${choice}suffix` (a failure there not handled by `||`):
    // each of their items must name a label, prefix and suffix included.
    const targets = new Map<string, { prefix: string; suffix: string }>();
    for (const [index, choice] of model.choices.entries()) {
      // Only the gotos that follow this `choose` (up to the next one) act on its answer.
      const until = model.choices[index + 1]?.command.start ?? Infinity;
      for (const { target, command } of model.gotos) {
        if (command.start < choice.command.start || command.start > until) continue;
        const ref = `\${${choice.setting.text}}`;
        const at = target.text.indexOf(ref);
        const prefix = target.text.slice(0, at);
        const suffix = target.text.slice(at + ref.length);
        if (at < 0 || command.next === '||' || (prefix + suffix).includes('${')) continue;
        targets.set(choice.menu, { prefix, suffix });
      }
    }
    if (!targets.size) return [];
    const append = text.endsWith('\n') || text.length === 0 ? '' : '\n';
    const labelOf = (item: MenuItem): string =>
      `${targets.get(item.menu)?.prefix ?? ''}${item.label.text}${targets.get(item.menu)?.suffix ?? ''}`;
    return model.items
      .filter((item) => targets.has(item.menu) && isLiteral(item.label) && !model.labels.has(labelOf(item)))
      .map((item) => ({
        ruleId: this.id,
        start: item.label.start,
        end: item.label.end,
        message: `Menu item \`${item.label.text}\` has no \`:${labelOf(item)}\` label: choosing it makes \`goto\` fail.`,
        fixes: [
          {
            title: `Create label \`:${labelOf(item)}\` at the end`,
            edits: [{ start: text.length, end: text.length, newText: `${append}\n:${labelOf(item)}\n` }],
          },
        ],
      }));
  },
};
