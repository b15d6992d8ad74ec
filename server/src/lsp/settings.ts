import { LEVELS, type Level } from '../../../lib/core';
import type { RuleLevels } from '../../../lib/engine';

/**
 * Reads `pxeWorkbench.rules` into a flat `{ "ipxe.missingInitrd": "warning" }`. VS Code hands dotted keys
 * over as nested objects, other clients as flat keys: accept both, ignore anything that is not a level.
 */
export function readLevels(rules: unknown, prefix = ''): Record<string, Level> {
  const levels: Record<string, Level> = {};
  if (!rules || typeof rules !== 'object') return levels;
  for (const [key, value] of Object.entries(rules as Record<string, unknown>)) {
    const id = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' && (LEVELS as readonly string[]).includes(value)) levels[id] = value as Level;
    else if (value && typeof value === 'object') Object.assign(levels, readLevels(value, id));
  }
  return levels;
}

export interface ServerSettings {
  levels: RuleLevels;
}

export function readSettings(section: unknown): ServerSettings {
  const rules = section && typeof section === 'object' ? (section as { rules?: unknown }).rules : undefined;
  return { levels: readLevels(rules) };
}
