/** Facts read from binaries are kept per file version: read once, read again when the file changes, never kept without a stamp. */
import { describe, expect, it } from 'vitest';
import type { FileView } from '../../../lib/core/ruleContext';
import { stampedFacts } from '../../../lib/core/stamped';

describe('stampedFacts', () => {
  it('reads once per stamp, again for a new stamp, always without one, and keeps at most max', () => {
    let stamp: string | undefined = '1';
    const files: FileView = { exists: () => true, list: () => [], stamp: () => stamp };
    const facts = stampedFacts(2);
    let reads = 0;
    const read = () => facts(files, '/t/shimx64.efi', 'x', () => ++reads);
    expect([read(), read()]).toEqual([1, 1]);
    stamp = '2';
    expect(read()).toBe(2);
    stamp = undefined;
    expect([read(), read()]).toEqual([3, 4]);
    stamp = '3';
    read();
    stamp = '1'; // evicted by the two newer stamps
    expect(read()).toBe(6);
  });
});
