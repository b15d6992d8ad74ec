import { report } from '../../../core/rule';
import { isLiteral, modelOf, type IpxeModel, type MenuItem } from '../model';
import { ipxeRule } from './shared';

/**
 * Menus whose choice is followed by `goto prefix${choice}suffix` (a failure there not handled by `||`): each of
 * their items must name a label, prefix and suffix included.
 */
function gotoTargets(model: IpxeModel): Map<string, { prefix: string; suffix: string }> {
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
  return targets;
}

export const menuTargetWithoutLabel = ipxeRule({
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
    const targets = gotoTargets(model);
    if (!targets.size) return [];
    const append = text.endsWith('\n') || text.length === 0 ? '' : '\n';
    const labelOf = (item: MenuItem): string =>
      `${targets.get(item.menu)?.prefix ?? ''}${item.label.text}${targets.get(item.menu)?.suffix ?? ''}`;
    return model.items
      .filter((item) => targets.has(item.menu) && isLiteral(item.label) && !model.labels.has(labelOf(item)))
      .map((item) =>
        report(
          this,
          item.label,
          `Menu item \`${item.label.text}\` has no \`:${labelOf(item)}\` label: choosing it makes \`goto\` fail.`,
          {
            fixes: [
              {
                title: `Create label \`:${labelOf(item)}\` at the end`,
                edits: [{ start: text.length, end: text.length, newText: `${append}\n:${labelOf(item)}\n` }],
              },
            ],
          },
        ),
      );
  },
});
