import { describe, expect, it } from 'vitest';
import { applyFix, lintFixture } from '../../helpers/markers';

const RULE = 'ignition.jsonSyntax';

describe(RULE, () => {
  it('points at a trailing comma and removes it', () => {
    const r = lintFixture(
      'config.ign',
      `{ "ignition": { "version": "3.4.0" }, }\n                                    ^ ${RULE}\n`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('trailing comma');
    expect(lintFixture('config.ign', applyFix(r.text, r.findings[0]!)).actual).toEqual([]);
  });

  it('rejects comments and reports several errors at once', () => {
    const r = lintFixture(
      'config.ign',
      '{\n  // no comments in JSON\n  "ignition": { "version": "3.3.0" }\n  "passwd": {}\n}\n',
      RULE,
    );
    expect(r.findings.length).toBeGreaterThanOrEqual(2);
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(/comments[\s\S]*comma/);
  });
});

describe('ignition.jsonSyntax at the end of the file (found by the fuzz test)', () => {
  it('keeps ranges inside the text for an empty file and a file cut short', async () => {
    const { lintText } = await import('../../../lib/engine');
    for (const text of ['', '{', '{ "ignition": { "version": "3.3.0" }']) {
      const findings = lintText('config.ign', text).findings;
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) expect(f.end).toBeLessThanOrEqual(text.length);
    }
  });
});
