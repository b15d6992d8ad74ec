import { describe, expect, it } from 'vitest';
import { commandsNamed, modelOf } from '../../../lib/languages/ipxe/model';
import { parseIpxe } from '../../../lib/languages/ipxe/parser';

function modelFor(text: string): ReturnType<typeof modelOf> {
  return modelOf(parseIpxe(text).ast, text);
}

describe('iPXE model', () => {
  it('indexes commands by name and merges several names back into script order', () => {
    const model = modelFor('#!ipxe\nkernel a\ninitrd b\necho x\ninitrd c\nkernel d || initrd e\n');
    expect(model.named.get('initrd')?.map((c) => c.args[0]?.text)).toEqual(['b', 'c', 'e']);
    const loads = commandsNamed(model, new Set(['kernel', 'initrd', 'chain']));
    expect(loads.map((c) => c.args[0]?.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(commandsNamed(model, new Set(['chain']))).toEqual([]);
  });

  it('makes the list of every command with its line and catalog entry when asked', () => {
    const model = modelFor('#!ipxe\nkernal a\necho b && goto c\n');
    expect(model.commands.map(({ command, line, spec }) => [command.name.text, line.start, spec?.synopsis])).toEqual([
      ['kernal', 7, undefined],
      ['echo', 16, 'echo [-n] [text…]'],
      ['goto', 16, 'goto <label>'],
    ]);
    expect(model.commands).toBe(model.commands);
  });
});
