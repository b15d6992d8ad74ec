/** `pxe-workbench nodes generate`: the node files and static leases from the node table, with a diff preview. */
import { relative } from 'node:path';
import { escapeControl } from '../../lib/core';
import { nodeFileLine, NodesError, nodesSummary, planNodes, writeNodes } from '../../lib/nodes';
import { askYes, interactive } from './prompt';
import { asInput } from './input';

export interface NodesCliOptions {
  dryRun?: boolean;
  force?: boolean;
  diff?: boolean;
}

export async function nodesGenerateCommand(siteFile: string, options: NodesCliOptions, cwd: string): Promise<number> {
  const plan = asInput(() => planNodes(siteFile), NodesError);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  for (const file of plan.files) {
    out(nodeFileLine(file, relative(cwd, file.path) || file.path));
    // The diff shows file contents: tabs kept, every other control character escaped.
    if (file.diff && (options.dryRun || options.diff))
      out(
        file.diff
          .split('\n')
          .slice(2)
          .map((l) => `    ${l.split('\t').map(escapeControl).join('\t')}`)
          .join('\n')
          .trimEnd(),
      );
  }
  for (const problem of plan.problems) process.stderr.write(`warning: ${escapeControl(problem)}\n`);
  out(nodesSummary(plan));
  if (options.dryRun) {
    out('(dry run: nothing was written)');
    return plan.problems.length ? 1 : 0;
  }
  let overwrite = options.force ? plan.files.filter((f) => f.action === 'handEdited').map((f) => f.path) : [];
  if (!options.force && interactive()) {
    for (const file of plan.files.filter((f) => f.action === 'handEdited')) {
      const question = `${escapeControl(relative(cwd, file.path))} was changed by hand. Overwrite it with the generated version? [y/N] `;
      if (await askYes(question)) overwrite = [...overwrite, file.path];
    }
  }
  const { written, skipped } = writeNodes(plan, { overwrite });
  const kept = skipped.map((s) => escapeControl(relative(cwd, s))).join(', ');
  out(
    `Wrote ${written.length} file(s)` +
      `${skipped.length ? `; kept ${skipped.length} edited by hand: ${kept} (--force overwrites them)` : ''}.`,
  );
  return plan.problems.length ? 1 : 0;
}
