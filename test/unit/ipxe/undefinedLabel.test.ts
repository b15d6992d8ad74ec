import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.undefinedLabel';

describe(RULE, () => {
  it('flags goto to a missing label and choose --default to a missing item', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\n:retry\ndhcp || goto retyr\n             ^^^^^ ${RULE}\n`,
        `#!ipxe\nmenu\nitem fcos Fedora\nchoose --default fcoss t\n                 ^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\ngoto end\n:end\n',
        '#!ipxe\ngoto ${target}\n',
        '#!ipxe\nmenu\nitem fcos F\nchoose --default fcos t\n',
      ],
    });
  });

  it('offers the closest label and to create the missing one', () => {
    const r = lintFixture('a.ipxe', '#!ipxe\n:retry\ngoto retyr', RULE);
    expect(r.findings[0]!.fixes!.map((f) => f.title)).toEqual([
      'Change to `retry`',
      'Create label `:retyr` at the end',
    ]);
    expect(applyFix(r.text, r.findings[0]!)).toBe('#!ipxe\n:retry\ngoto retry');
    const created = applyFix(r.text, { ...r.findings[0]!, fixes: r.findings[0]!.fixes!.slice(1) });
    expect(created).toBe('#!ipxe\n:retry\ngoto retyr\n\n:retyr\n');
    expect(lintFixture('a.ipxe', created, RULE).actual).toEqual([]);
  });
});

describe(`${RULE}: choose --default`, () => {
  it('is quiet on a default naming no item when nothing depends on it (iPXE preselects the first item)', () => {
    expect(
      lintFixture('a.ipxe', '#!ipxe\nmenu\nitem a A\nchoose --default return t && goto ${t}\n:a\n', RULE).actual,
    ).toEqual([]);
    const timed = lintFixture(
      'a.ipxe',
      '#!ipxe\nmenu\nitem a A\nchoose --timeout 5000 --default return t && goto ${t}\n:a\n',
      RULE,
    );
    expect(timed.findings[0]!.message).toContain('boots it when the timeout runs out');
  });
});

describe(`${RULE}: dead lines`, () => {
  it('leaves a goto on a line that never runs to unreachableCode', () => {
    expect(lintFixture('a.ipxe', '#!ipxe\ngoto a\necho x\ngoto nowhere\n:a\n', RULE).actual).toEqual([]);
  });
});

describe(`${RULE}: a failure handler that names the parent's label`, () => {
  it('leaves `X || goto error` with no :error (and no near miss) to unhandledFailure, at info', () => {
    const text = '#!ipxe\nchain ${menu}.ipxe || goto error\ngoto linux_exit\n:utils_exit\n';
    const found = lintFixture('utils.ipxe', text).findings.filter(
      (f) => f.ruleId === RULE || f.ruleId === 'ipxe.unhandledFailure',
    );
    expect(found.map((f) => `${f.ruleId} ${f.severity}`).sort()).toEqual([
      'ipxe.undefinedLabel warning',
      'ipxe.unhandledFailure info',
    ]);
    expect(found.find((f) => f.ruleId === 'ipxe.unhandledFailure')!.message).toContain('goto error` fails too');
    // A near miss is a typo, whatever the position: still a warning.
    expect(lintFixture('a.ipxe', '#!ipxe\n:failed\nchain x.ipxe || goto faild\n', RULE).actual).toHaveLength(1);
  });
});
