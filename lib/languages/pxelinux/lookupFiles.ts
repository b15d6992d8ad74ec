import { join } from 'node:path';
import type { FileView } from '../../core/ruleContext';
import { lookupOrder, type LookupInput } from './lookup';

export interface LookupStep {
  name: string;
  path: string;
  exists: boolean;
}

/** The lookup order for a machine, with which files exist under `<tftpRoot>/pxelinux.cfg/`; the first that exists wins. */
export function explainLookup(
  input: LookupInput,
  tftpRoot: string,
  files: FileView,
): { steps: LookupStep[]; chosen?: LookupStep } {
  const steps = lookupOrder(input).map((name) => {
    const path = join(tftpRoot, 'pxelinux.cfg', name);
    return { name, path, exists: files.exists(path) };
  });
  const chosen = steps.find((s) => s.exists);
  return chosen ? { steps, chosen } : { steps };
}

export function formatLookup(result: { steps: LookupStep[]; chosen?: LookupStep }): string {
  const lines = result.steps.map(
    (s, i) =>
      `${String(i + 1).padStart(2)}. ` +
      `pxelinux.cfg/${s.name}${s.exists ? (s === result.chosen ? '   ← used' : '   (exists, not reached)') : ''}`,
  );
  lines.push(
    result.chosen
      ? `PXELINUX reads pxelinux.cfg/${result.chosen.name}.`
      : 'None of these exists: PXELINUX finds no config and reboots after a timeout.',
  );
  return lines.join('\n');
}
