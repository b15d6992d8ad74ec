import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES, SERVICES } from '../../../lib/engine';
import { ruleSettings, rulesMarkdown } from '../../../scripts/gen';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, { default: string; enum: string[] }>;

describe('rule registry', () => {
  it('has unique, stable camelCase ids prefixed by their language', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) expect(rule.id).toMatch(new RegExp(`^(${rule.language}|internal)\\.[a-z][a-zA-Z0-9]*$`));
  });

  it('lists the same rules, defaults and levels as package.json (run `npm run gen` when this fails)', () => {
    const fromManifest = Object.keys(properties)
      .filter((k) => k.startsWith('pxeWorkbench.rules.'))
      .sort();
    expect(fromManifest).toEqual(RULES.map((r) => `pxeWorkbench.rules.${r.id}`).sort());
    expect(Object.fromEntries(Object.entries(properties).filter(([k]) => k.startsWith('pxeWorkbench.rules.')))).toEqual(
      ruleSettings(RULES),
    );
  });

  it('has docs/rules.md up to date with a section per rule', () => {
    const docs = readFileSync('docs/rules.md', 'utf8');
    expect(docs).toBe(rulesMarkdown(RULES));
    for (const rule of RULES) expect(docs).toContain(`### ${rule.id}`);
  });

  it('every rule has a message-worthy summary, an example and a fix', () => {
    for (const rule of RULES) {
      expect(rule.summary.length, rule.id).toBeGreaterThan(20);
      expect(rule.example.length, rule.id).toBeGreaterThan(0);
      expect(rule.fix.length, rule.id).toBeGreaterThan(10);
    }
  });

  it('every rule says why it has its level against the severity policy (docs/rules.md)', () => {
    const missing = RULES.filter((r) => !r.levelWhy || r.levelWhy.length < 20).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it('contributes a language for each service the server runs', () => {
    const contributed = (manifest.contributes.languages as { id: string }[]).map((l) => l.id);
    for (const id of SERVICES.keys()) if (id !== 'site') expect(contributed).toContain(id);
    for (const id of contributed) expect(manifest.activationEvents).toContain(`onLanguage:${id}`);
    expect(manifest.activationEvents).toContain('workspaceContains:**/pxe-site.json');
  });
});
