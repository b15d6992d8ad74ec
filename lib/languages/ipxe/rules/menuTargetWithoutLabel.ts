import { report } from '../../../core/rule';
import { OR, type IpxeScript } from '../ast';
import { factsOf, isLiteral, type MenuItem, type ScriptFacts } from '../facts';
import { ipxeRule } from './shared';

/**
 * Menus whose choice is followed by `goto prefix${choice}suffix` (a failure there not handled by `||`): each of
 * their items must name a label, prefix and suffix included.
 */
function gotoTargets(script: IpxeScript, model: ScriptFacts): Map<string, { prefix: string; suffix: string }> {
  const targets = new Map<string, { prefix: string; suffix: string }>();
  for (const [index, choice] of model.choices.entries()) {
    // Only the gotos that follow this `choose` (up to the next one) act on its answer.
    const next = model.choices[index + 1];
    const until = next ? script.commandStart(next.command) : Infinity;
    const from = script.commandStart(choice.command);
    for (let k = 0; k < model.gotos.length; k++) {
      const command = model.gotos[k] as number;
      const start = script.commandStart(command);
      if (start < from || start > until) continue;
      const target = script.wordText(model.gotoTargets[k] as number);
      const ref = `\${${choice.setting.text}}`;
      const at = target.indexOf(ref);
      const prefix = target.slice(0, at);
      const suffix = target.slice(at + ref.length);
      if (at < 0 || script.commandNext[command] === OR || (prefix + suffix).includes('${')) continue;
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
    const model = factsOf(script);
    const targets = gotoTargets(script, model);
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
