import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { IgnitionConfig } from '../ast';
import { versionOf, visitProperties } from '../document';
import { compareVersions } from '../spec';

/** The member's value, with `null` read as absent (as Ignition reads it). */
function member(entry: Node, ...path: string[]): Node | undefined {
  const node = findNodeAtLocation(entry, path);
  return node?.type === 'null' ? undefined : node;
}

const keyOf = (entry: Node, name: string): Node => entry.children?.find((p) => p.children?.[0]?.value === name)?.children?.[0] ?? entry;

/** Checks Ignition's validation makes beyond types: fields that depend on each other inside one entry. */
export const invalidEntry: Rule<IgnitionConfig> = {
  id: 'ignition.invalidEntry',
  language: 'ignition',
  severity: 'error',
  summary: 'An entry Ignition refuses though every field has its type: `"overwrite": true` on a file without `contents.source`, a link without `target` (spec 3.3.0 and later).',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd", "overwrite": true, "append": [{ "source": "data:,hi" }] }] } }',
  fix: 'Give the file a `contents.source` (or drop `overwrite`); give the link a `target`.',
  levelWhy: 'Ignition refuses the config ("overwrite must be false if source is unspecified", "link target is required"): the first boot fails.',
  check(config) {
    const version = versionOf(config);
    if (!version) return [];
    const problems: Problem[] = [];
    const linkTargetRequired = compareVersions(version, '3.3.0') >= 0;
    visitProperties(config.root, ({ specPath, value }) => {
      if (value?.type !== 'object') return;
      if (specPath === 'storage.files[]') {
        const overwrite = member(value, 'overwrite');
        if (overwrite?.value === true && !member(value, 'contents', 'source')) {
          const message = 'A file with "overwrite": true needs `contents.source`: Ignition refuses the config ("overwrite must be false if source is unspecified"), in every 3.x spec. `append` does not count; drop `overwrite` to append to the existing file.';
          problems.push({ ruleId: this.id, start: overwrite.offset, end: overwrite.offset + overwrite.length, message });
        }
      }
      if (specPath === 'storage.links[]' && linkTargetRequired) {
        const target = member(value, 'target');
        if (target?.type === 'string' && target.value !== '') return;
        if (target && target.type !== 'string') return; // a type error: ignition.schema says it
        const at = target ?? keyOf(value, 'path');
        const message = `A link needs a \`target\`: from spec 3.3.0 on the schema lets it be left out, but Ignition still refuses the config ("link target is required", spec ${version}).`;
        problems.push({ ruleId: this.id, start: at.offset, end: at.offset + at.length, message });
      }
    });
    return problems;
  },
};
