import { describe, expect, it } from 'vitest';
import { hoverIpxe } from '../../../lib/languages/ipxe/hover';
import { parseIpxe } from '../../../lib/languages/ipxe/parser';

describe('ipxe hover', () => {
  it('says since which iPXE version a command exists', () => {
    const text = '#!ipxe\nimgextract http://nas/vmlinuz.gz\nkernel http://nas/vmlinuz\n';
    const at = (word: string): string | undefined =>
      hoverIpxe(parseIpxe(text).ast, text, text.indexOf(word) + 1)?.markdown;
    expect(at('imgextract')).toContain('Since iPXE 2.0.');
    expect(at('kernel')).not.toContain('Since');
  });
});
