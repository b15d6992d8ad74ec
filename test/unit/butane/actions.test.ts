import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ActionInfo } from '../../../lib/core/language';
import { actionsButane, blockScalar, fixesFor, octalModeEdit } from '../../../lib/languages/butane/actions';
import { butaneDoc, cursor } from './editorDoc';

function actions(fixture: string): { text: string; list: ActionInfo[] } {
  const { doc, text, offset } = cursor(fixture);
  return { text, list: actionsButane(doc, text, offset) };
}

/** The text after applying an action's edits (from the end, so offsets stay valid). */
function apply(text: string, action: ActionInfo | undefined): string {
  const edits = [...(action?.edits ?? [])].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

function run(fixture: string, title: string | RegExp): string {
  const { text, list } = actions(fixture);
  const action = list.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  expect(action, `no action ${String(title)} in ${JSON.stringify(list.map((a) => a.title))}`).toBeDefined();
  return apply(text, action);
}

const HEAD = 'variant: fcos\nversion: 1.5.0\n';

describe('actionsButane: modes', () => {
  it('writes a decimal-looking mode as octal', () => {
    expect(run(`${HEAD}storage:\n  files:\n    - path: /a\n      mode: 6‸44\n`, /^Write the mode as octal: 0644/)).toBe(
      `${HEAD}storage:\n  files:\n    - path: /a\n      mode: 0644\n`,
    );
    expect(run(`${HEAD}storage:\n  trees:\n    - local: x\n      file_mode: 7‸55\n`, /0755 \(rwxr-xr-x\)/)).toContain(
      'file_mode: 0755',
    );
  });

  it('leaves octal modes and numbers that cannot be octal alone', () => {
    expect(actions(`${HEAD}storage:\n  files:\n    - path: /a\n      mode: 06‸44\n`).list).toEqual([]);
    expect(actions(`${HEAD}storage:\n  files:\n    - path: /a\n      mode: 42‸0\n`).list).toEqual([]);
    expect(actions(`${HEAD}storage:\n  files:\n    - path: /a\n      mode: 6‸49\n`).list).toEqual([]);
  });
});

describe('actionsButane: keys and versions', () => {
  it('renames a misspelt or camelCase key to the one the spec has', () => {
    expect(run(`${HEAD}storage:\n  files:\n    - path: /a\n      ove‸rwite: true\n`, 'Change to `overwrite`')).toBe(
      `${HEAD}storage:\n  files:\n    - path: /a\n      overwrite: true\n`,
    );
    expect(
      run(`${HEAD}storage:\n  disks:\n    - device: /dev/sda\n      wipeTa‸ble: true\n`, 'Change to `wipe_table`'),
    ).toContain('wipe_table: true');
    expect(actions(`${HEAD}storage:\n  fi‸les: []\n`).list).toEqual([]);
  });

  it('moves the config to the newest stable version from its version line', () => {
    expect(run(`variant: fcos\nversion: 1.4‸.0\n`, 'Move to fcos 1.7.0 (Ignition 3.6.0)')).toBe(
      'variant: fcos\nversion: 1.7.0\n',
    );
    expect(run(`variant: flatcar\nver‸sion: 1.0.0\n`, 'Move to flatcar 1.1.0 (Ignition 3.4.0)')).toBe(
      'variant: flatcar\nversion: 1.1.0\n',
    );
    expect(actions('variant: fcos\nversion: 1.7‸.0\n').list).toEqual([]);
    expect(actions('variant: fcos\nversion: 1.8.0-experi‸mental\n').list).toEqual([]);
  });

  it('offers the move on a key that a newer version brings', () => {
    expect(run('variant: fcos\nversion: 1.4.0\ngr‸ub:\n  users: []\n', /^Move to fcos 1.7.0/)).toContain(
      'version: 1.7.0',
    );
    // Quadlets come only with the experimental 1.8.0: no stable version to move to.
    expect(actions('variant: fcos\nversion: 1.7.0\nsystemd:\n  quad‸lets: []\n').list).toEqual([]);
  });
});

describe('actionsButane: data: URLs', () => {
  const file = (contents: string): string => `${HEAD}storage:\n  files:\n    - path: /a\n      contents:\n${contents}`;

  it('decodes a source data: URL into an inline block', () => {
    expect(
      run(file('        source: data:,hello%0Awor‸ld%0A\n      mode: 0644\n'), 'Decode the data: URL into `inline:`'),
    ).toBe(file('        inline: |\n          hello\n          world\n      mode: 0644\n'));
  });

  it('drops compression: gzip when it decodes a gzipped URL', () => {
    const gz = gzipSync(Buffer.from('zipped\n')).toString('base64');
    const got = run(file(`        compression: gzip\n        source: "data:;base64,${gz}‸"\n`), /^Decode/);
    expect(got).toBe(file('        inline: |\n          zipped\n'));
  });

  it('encodes inline text into a data: URL source, and converts percent ⇄ base64', () => {
    expect(run(file('        inline: hello wo‸rld\n'), 'Encode `inline:` as a data: URL `source:`')).toBe(
      file('        source: "data:,hello%20world"\n'),
    );
    expect(run(file('        source: data:,h‸i\n'), 'Convert data: URL to base64')).toBe(
      file('        source: "data:;base64,aGk="\n'),
    );
  });

  it('round-trips a decoded block back to the same bytes', () => {
    const decoded = run(file('        source: data:,%20%20lead%0A%0A%0A\n'.replace('lead', 'le‸ad')), /^Decode/);
    const doc = butaneDoc(decoded);
    expect(doc.yaml?.getIn(['storage', 'files', 0, 'contents', 'inline'])).toBe('  lead\n\n\n');
  });
});

describe('blockScalar', () => {
  it('picks the chomping that keeps the text exact', () => {
    expect(blockScalar('a', 2)).toBe('|-\n  a');
    expect(blockScalar('a\n', 2)).toBe('|\n  a');
    expect(blockScalar('', 2)).toBe('""');
  });
});

describe('octalModeEdit', () => {
  it('is offered where Butane warns of a decimal mode (translate/validate.ts looksDecimal)', () => {
    const offered = ['644', '755', '600', '700', '400', '440', '750', '777'];
    const not = ['420', '493', '384', '0644', '888', '64', '12345', '1777'];
    for (const raw of offered) expect(octalModeEdit(raw, 0), raw).toBeDefined();
    for (const raw of not) expect(octalModeEdit(raw, 0), raw).toBeUndefined();
    // Sticky is for folders (/tmp is 01777), Butane's typical-mode test says.
    expect(octalModeEdit('1777', 0, true)).toBeDefined();
  });
});

describe('fixesFor', () => {
  it('gives the rules the same edits as quick fixes, the first preferred', () => {
    const mode = cursor(`${HEAD}storage:\n  files:\n    - path: /a\n      mode: ‸644\n`);
    expect(fixesFor('butane.decimalMode', mode.doc, mode.text, mode.offset)).toEqual([
      {
        title: 'Write the mode as octal: 0644 (rw-r--r--)',
        edits: [{ start: mode.offset, end: mode.offset, newText: '0' }],
        preferred: true,
      },
    ]);
    const key = cursor('variant: fcos\nversion: 1.5.0\n‸gurb: {}\n');
    expect(fixesFor('butane.unknownKey', key.doc, key.text, key.offset).map((f) => f.title)).toEqual([
      'Change to `grub`',
    ]);
    const later = cursor('variant: fcos\nversion: 1.4.0\n‸grub: {}\n');
    expect(fixesFor('butane.unknownKey', later.doc, later.text, later.offset).map((f) => f.title)).toEqual([
      'Move to fcos 1.7.0 (Ignition 3.6.0)',
    ]);
    expect(fixesFor('butane.localFile', key.doc, key.text, key.offset)).toEqual([]);
  });
});
