import { describe, expect, it } from 'vitest';
import { NO_CONTEXT } from '../../../lib/core';
import { ipxe, parseIpxe } from '../../../lib/languages/ipxe';

/** Every rule's own example, one after another, and a menu script that reaches the option and menu rules. */
const SCRIPT = [
  ...ipxe.rules.map((rule) => rule.example.replace(/^#!ipxe\n/, '')),
  'menu --name main Boot',
  'item --menu main fcos Fedora CoreOS',
  'item --gap -- spacer',
  'choose --menu main --timeout 5 --default fcso target && goto ${target}',
  'imgfetch --name=initrd-${arch} http://nas/initrd.img || goto failed',
  'sha256sum --set sum initrd-1',
  'kernel \\',
  '  http://nas/vmlinuz initrd=main',
].join('\n');

describe('iPXE tables', () => {
  it('are linted without making the object tree (the tree is for the editor, made on first use)', () => {
    const text = `#!ipxe\n${SCRIPT}\n`;
    const script = parseIpxe(text).ast;
    const refuse = (): never => {
      throw new Error('a rule made the object tree');
    };
    Object.defineProperty(script, 'lines', { get: refuse });
    Object.defineProperty(script, 'expanding', { get: refuse });
    script.command = refuse;
    let findings = 0;
    for (const rule of ipxe.rules) findings += rule.check(script, text, NO_CONTEXT).length;
    expect(findings).toBeGreaterThan(ipxe.rules.length);
  });

  it('give the tree the same commands, words and offsets the tables hold', () => {
    const text = `#!ipxe\n${SCRIPT}\n`;
    const script = parseIpxe(text).ast;
    const commands = script.lines.flatMap((line) => line.commands);
    expect(commands.length).toBe(script.commandCount);
    commands.forEach((command, index) => {
      expect(command.name.text).toBe(script.commandName[index]);
      expect(command.start).toBe(script.commandStart(index));
      expect(command.end).toBe(script.commandEnd(index));
      for (const word of [command.name, ...command.args]) expect(word.text).not.toMatch(/\\\r?\n/);
    });
  });
});
