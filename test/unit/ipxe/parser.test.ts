import { describe, expect, it } from 'vitest';
import { parseIpxe } from '../../../lib/languages/ipxe';

describe('parseIpxe', () => {
  it('splits on blanks only, keeps quotes literal, and finds separators', () => {
    const { ast } = parseIpxe('#!ipxe\necho "a b" || goto x && echo ok ; exit\n');
    const cmds = ast.lines[1]!.commands;
    expect(cmds.map((c) => [c.name.text, c.args.map((a) => a.text), c.next])).toEqual([
      ['echo', ['"a', 'b"'], '||'],
      ['goto', ['x'], '&&'],
      ['echo', ['ok'], ';'],
      ['exit', [], undefined],
    ]);
  });

  it('takes # as a comment only at the start of a word', () => {
    const { ast } = parseIpxe('#!ipxe\necho a#b # comment\n');
    expect(ast.lines[1]!.commands[0]!.args.map((a) => a.text)).toEqual(['a#b']);
    expect(ast.lines[1]!.comment?.text).toBe('# comment');
  });

  it('reads labels with a command on the same line and joins continuations', () => {
    const { ast } = parseIpxe('#!ipxe\n:start echo hi\nkernel vmlinuz \\\r\n quiet\n');
    expect(ast.labels.map((l) => l.name)).toEqual(['start']);
    expect(ast.lines[1]!.commands[0]!.name.text).toBe('echo');
    expect(ast.lines[2]!.commands[0]!.args.map((a) => a.text)).toEqual(['vmlinuz', 'quiet']);
  });

  it('keeps offsets that point into the original text', () => {
    const text = '#!ipxe\nkernel abc\\\ndef\n';
    const word = parseIpxe(text).ast.lines[1]!.commands[0]!.args[0]!;
    expect(word.text).toBe('abcdef');
    expect(text.slice(word.start, word.end)).toBe('abc\\\ndef');
  });

  it('lists the commands that read a setting, in order, whatever word holds the `${`', () => {
    const { ast } = parseIpxe('#!ipxe\n:${x} echo a\n${cmd} b || echo ${a:hex}\nkernel k ar\\\ng=${b}\n# ${c}\n');
    expect(ast.expanding.map((c) => c.name.text)).toEqual(['${cmd}', 'echo', 'kernel']);
  });
});
