import { afterEach, describe, expect, it, vi } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../../../lib/engine';
import { ipxe } from '../../../lib/languages/ipxe';
import { AnalysisCache } from '../../../server/src/lsp/analysis';
import { ChainCache } from '../../../lib/chain';
import { memoryInputs, LOADERS } from '../../helpers/memorySite';

// A parser or the chain that throws on odd input (a bug of ours) is a finding on that file, never a crash.
describe('isolation: a failure on one file stays on that file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the CLI/closed-file pipeline reports internal.analysisFailed when the parser throws', () => {
    vi.spyOn(ipxe, 'parse').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const { findings } = lintText('/w/boot.ipxe', '#!ipxe\n');
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'internal.analysisFailed',
        severity: 'error',
        message: expect.stringContaining('nests too deeply'),
      }),
    ]);
  });

  it('the open-document pipeline does the same and offers no language features on that version', () => {
    vi.spyOn(ipxe, 'parse').mockImplementation(() => {
      throw new Error('boom');
    });
    const analysis = new AnalysisCache().get(TextDocument.create('untitled:boot.ipxe', 'ipxe', 1, '#!ipxe\n'));
    expect(analysis.language).toBeUndefined();
    expect(analysis.features).toBeUndefined();
    expect(analysis.problems.map((p) => p.ruleId)).toEqual(['internal.analysisFailed']);
  });

  it('a chain that cannot be built is reported on the site file', () => {
    const inputs = memoryInputs({ ...LOADERS, 'router.rsc': '' });
    const chains = new ChainCache(
      () => inputs.files,
      () => {
        throw new Error('read failed');
      },
    );
    const problems = chains.problemsFor(inputs.site, inputs.site.file);
    expect(problems).toEqual([
      expect.objectContaining({
        ruleId: 'internal.analysisFailed',
        message: expect.stringContaining('Building the boot chain failed'),
      }),
    ]);
  });
});

describe('names in findings', () => {
  it('control characters in a message (a name quoted from the file) are escaped', () => {
    const { findings } = lintText('/w/boot.ipxe', '#!ipxe\nker\u001b[2Knel vmlinuz\n');
    const message = findings.find((f) => f.ruleId === 'ipxe.unknownCommand')?.message ?? '';
    expect(message).toContain('ker\\x1b[2Knel');
    expect(message).not.toContain('\u001b');
  });
});
