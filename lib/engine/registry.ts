import { bindLanguage, type BoundLanguage } from '../core/language';
import type { LanguageId, RuleMeta } from '../core/rule';
import { ignition } from '../languages/ignition';
import { ipxe } from '../languages/ipxe';
import { pxelinux } from '../languages/pxelinux';
import { routeros } from '../languages/routeros';
import { site } from '../site';
import { CHAIN_RULES } from '../chain/rules';

/** Every language, its AST type bound inside (a new language is one line here). */
export const SERVICES: ReadonlyMap<LanguageId, BoundLanguage> = new Map(
  [bindLanguage(ipxe), bindLanguage(pxelinux), bindLanguage(routeros), bindLanguage(ignition), bindLanguage(site)].map(
    (l) => [l.id, l],
  ),
);

const GENERAL_RULES: RuleMeta[] = [
  {
    id: 'internal.ruleFailed',
    language: 'general',
    severity: 'error',
    summary: 'A rule crashed on this file. The other rules still ran; this is a bug in PXE Workbench.',
    example: '(no example: any file that triggers a bug)',
    fix: 'Report the file and message; meanwhile set this rule to "off" to hide it.',
    levelWhy:
      'a rule that did not run may have missed a real error; the user must know the file was not fully checked.',
  },
  {
    id: 'internal.analysisFailed',
    language: 'general',
    severity: 'error',
    summary:
      'Parsing or checking this file (or building the boot chain of its site) failed. The language server keeps running and checks every other file; this is a bug in PXE Workbench.',
    example: '(no example: any file that triggers a bug)',
    fix: 'Report the file and message. The file is not checked until it changes.',
    levelWhy: 'nothing in the file was checked, so any error in it goes unseen.',
  },
  {
    id: 'internal.notChecked',
    language: 'general',
    severity: 'warning',
    summary:
      'A file was not read: it is not a regular file (a named pipe, a device, a socket) or it is larger than the cap for its kind (16 MiB for a config, 1 MiB for pxe-site.json).',
    example: 'router.config names a named pipe, or a 17 MB iPXE script',
    fix: 'Point the setting at the real file, or split the file; boot configs are far smaller than the cap.',
    levelWhy:
      'very likely a wrong path (a pipe or a device where a config belongs); the file itself may be fine, but it was not checked.',
  },
];

/** Every rule, in a stable order: the source of package.json's settings and docs/rules.md. */
export const RULES: readonly RuleMeta[] = [
  ...GENERAL_RULES,
  ...[...SERVICES.values()].flatMap((s) => [...s.parserRules, ...s.rules].map(meta)),
  ...CHAIN_RULES,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((r) => [r.id, r]));

function meta(rule: RuleMeta): RuleMeta {
  const { id, language, severity, summary, example, fix, levelWhy } = rule;
  return { id, language, severity, summary, example, fix, ...(levelWhy ? { levelWhy } : {}) };
}
