import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyFix, lintFixture } from '../../helpers/markers';
import { buildSiteFile, checkAnswer, DEFAULT_ANSWERS } from '../../../lib/site/create';

const minimal = (extra = ''): string =>
  '{ "version": 1, "name": "lab", "network": { "subnet": "192.168.255.0/24", "router": "192.168.255.1" }, ' +
  `"tftp": { "root": "tftp" }${extra} }`;

describe('site.schema', () => {
  const RULE = 'site.schema';
  it('accepts the example site and a minimal one', () => {
    expect(lintFixture('pxe-site.json', readFileSync('examples/home-lab/pxe-site.json', 'utf8')).actual).toEqual([]);
    expect(lintFixture('pxe-site.json', minimal()).actual).toEqual([]);
  });

  it('points at a misspelled property and a malformed address', () => {
    const r = lintFixture(
      'pxe-site.json',
      `{ "version": 1, "name": "lab", "tftp": { "root": "tftp" },
^ ${RULE}
  "netwrok": {},
  ^^^^^^^^^ ${RULE}
  "http": { "baseUrl": "http://192.168.255.2/tftp", "root": "tftp" } }
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}
`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(
      /netwrok[\s\S]*needs `network`|needs `network`[\s\S]*netwrok/,
    );
  });
});

describe('site.secret', () => {
  const RULE = 'site.secret';
  it('refuses passwords, passphrases and tokens wherever they are, and removes them', () => {
    const text = minimal(
      `, "targets": { "nas": { "kind": "synology", "host": "nas", "user": "admin", "password": "x", "port": 22 } }`,
    );
    const r = lintFixture('pxe-site.json', text);
    expect(r.findings.map((f) => f.ruleId)).toEqual([RULE]);
    expect(r.findings[0]!.message).toContain('secret storage');
    expect(lintFixture('pxe-site.json', applyFix(r.text, r.findings[0]!)).actual).toEqual([]);
    expect(lintFixture('pxe-site.json', minimal(', "apiToken": "t"'), RULE).actual).toHaveLength(1);
    expect(lintFixture('pxe-site.json', minimal(', "keyPassphrase": "t"'), RULE).actual).toHaveLength(1);
  });
});

describe('site file wizard', () => {
  it('builds a site file that passes its own schema', () => {
    expect(lintFixture('pxe-site.json', buildSiteFile(DEFAULT_ANSWERS)).actual).toEqual([]);
  });

  it('explains bad answers, including an address outside the subnet', () => {
    expect(checkAnswer('subnet', '192.168.255.0')).toContain('192.168.255.0/24');
    expect(checkAnswer('nas', '10.0.0.2', { subnet: '192.168.255.0/24' })).toContain('not inside');
    expect(checkAnswer('nas', '192.168.255.2', { subnet: '192.168.255.0/24' })).toBeUndefined();
    expect(checkAnswer('tftpRoot', '../tftp')).toBeDefined();
    expect(checkAnswer('httpPath', 'tftp')).toBeDefined();
  });
});
