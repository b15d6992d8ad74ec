import { describe, expect, it } from 'vitest';
import {
  arityOf,
  COMMAND_LINE_COMMANDS,
  COMMANDS,
  EXEC_COMMANDS,
  IMAGE_COMMANDS,
  INITRD_COMMANDS,
  KERNEL_COMMANDS,
  optionSpelled,
  type Trait,
} from '../../../lib/languages/ipxe/catalog';

describe('iPXE catalog', () => {
  it.each([
    ['kernel [--name n] [--timeout ms] <uri|image> [args…]', 1, Infinity],
    ['goto <label>', 1, 1],
    ['iseq <a> <b>', 2, 2],
    ['set <setting> [value…]', 1, Infinity],
    ['sanhook [--drive N] <root-path>…', 1, Infinity],
    ['boot [--replace] [<uri|image> [args…]]', 0, Infinity],
    ['exit [status]', 0, 1],
    ['item [--menu n|--form n] [--key k] [--default] [<label> [text]]', 0, 2],
    ['route', 0, 0],
    ['echo [-n] [text…]', 0, Infinity],
    ['vcreate --tag N [--priority P] <trunk interface>', 1, 1],
    ['choose [--menu n] [--default label] [--timeout ms] <setting>', 1, 1],
  ])('reads the arity of %s', (synopsis, min, max) => {
    expect(arityOf(synopsis)).toMatchObject({ min, max });
  });

  it('covers the commands the upstream documentation lists, each with a synopsis and summary', () => {
    const documented = (
      'kernel imgfetch initrd chain boot imgexec imgselect imgfree imgargs imgverify imgtrust dhcp ifopen ' +
      'ifconf ifstat ifclose route set clear read prompt echo menu item choose goto iseq isset inc sleep ' +
      'shell exit login sanboot sanhook sanunhook ntp param params nslookup ping vcreate vdestroy cpuid ' +
      'config show fcstat ipstat lotest pciscan profstat reboot poweroff console colour cpair certstat ' +
      'certstore certfree time'
    ).split(' ');
    for (const name of documented) expect(COMMANDS.has(name), name).toBe(true);
    for (const [name, spec] of COMMANDS) {
      expect(spec.synopsis.startsWith(name), name).toBe(true);
      expect(spec.summary.length, name).toBeGreaterThan(10);
    }
  });

  it('holds the command traits the rules and the boot chain use, aliases sharing the traits of the command they name', () => {
    const known: Trait[] = ['fetch', 'boot', 'stop', 'select', 'exec', 'initrd', 'cmdline'];
    for (const [name, spec] of COMMANDS) {
      for (const trait of spec.traits ?? []) expect(known, `${name}: ${trait}`).toContain(trait);
      if (!spec.aliasOf) continue;
      expect(COMMANDS.has(spec.aliasOf), `${name} → ${spec.aliasOf}`).toBe(true);
      expect(spec.traits, name).toEqual(COMMANDS.get(spec.aliasOf)?.traits);
    }
    expect([...KERNEL_COMMANDS].sort()).toEqual(['imgload', 'imgselect', 'kernel']);
    expect([...INITRD_COMMANDS].sort()).toEqual(['imgfetch', 'initrd', 'module']);
    expect([...EXEC_COMMANDS].sort()).toEqual(['boot', 'chain', 'imgexec']);
    expect([...IMAGE_COMMANDS].sort()).toEqual(['boot', 'chain', 'imgexec', 'imgload', 'imgselect', 'kernel']);
    expect([...COMMAND_LINE_COMMANDS].sort()).toEqual([
      'boot',
      'chain',
      'imgargs',
      'imgexec',
      'imgload',
      'imgselect',
      'kernel',
    ]);
  });

  it('finds an option by the exact word that spells it, and nothing else', () => {
    const initrd = COMMANDS.get('initrd');
    expect(initrd && optionSpelled(initrd, '--name')?.long).toBe('name');
    expect(initrd && optionSpelled(initrd, '-n')?.long).toBe('name');
    for (const word of ['--name=x', '--nam', 'name', '-x', '--'])
      expect(initrd && optionSpelled(initrd, word), word).toBeUndefined();
  });
});
