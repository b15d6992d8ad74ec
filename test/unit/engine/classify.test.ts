import { describe, expect, it } from 'vitest';
import { classify } from '../../../lib/engine/classify';

describe('classify', () => {
  it.each([
    ['tftp/boot.ipxe', '', 'ipxe'],
    ['tftp/boot', '#!ipxe\ndhcp', 'ipxe'],
    ['tftp/legacy', '#!gpxe\n', 'ipxe'],
    ['tftp/pxelinux.cfg/default', '', 'pxelinux'],
    ['tftp/pxelinux.cfg/01-52-54-00-12-34-56', '', 'pxelinux'],
    ['C:\\tftp\\pxelinux.cfg\\C0A8FF', '', 'pxelinux'],
    ['iso/isolinux.cfg', '', 'pxelinux'],
    ['boot/syslinux.cfg', '', 'pxelinux'],
    ['boot/extlinux.conf', '', 'pxelinux'],
    ['router/pxe.rsc', '', 'routeros'],
    ['fcos/config.ign', '', 'ignition'],
    ['fcos/config.json', '{"ignition":{"version":"3.3.0"}}', 'ignition'],
    ['pxe-site.json', '{}', 'site'],
    ['arch/boot/syslinux/archiso_pxe.cfg', '# comment\nINCLUDE archiso_head.cfg\n', 'pxelinux'],
    ['menus/test.cfg', 'DEFAULT linux\nLABEL linux\n', 'pxelinux'],
  ])('%s is %s', (path, text, language) => {
    expect(classify(path, text)).toBe(language);
  });

  it.each([
    ['package.json', '{"name":"x","version":"1.0.0"}'],
    ['notes.txt', 'kernel vmlinuz'],
    ['tftp/lpxelinux.0', '\x7fELF'],
    ['data.json', '{"x":{"ignition":{"version":"3.3.0"}}}'],
    ['setup.cfg', '[metadata]\nname = x\n'],
    ['nginx.conf', 'server { listen 80; }'],
  ])('%s is not ours', (path, text) => {
    expect(classify(path, text)).toBeUndefined();
  });

  it("prefers the editor's language id", () => {
    expect(classify('untitled:Untitled-1', 'dhcp', 'ipxe')).toBe('ipxe');
    expect(classify('x.txt', '', 'routeros')).toBe('routeros');
  });

  it('a help screen in pxelinux.cfg/ is not a config although the editor gives it the pxelinux id', () => {
    expect(
      classify('/t/pxelinux.cfg/f1.txt', '\u000f0fHelp\u000f07\nPress F2 for options\n', 'pxelinux'),
    ).toBeUndefined();
    expect(classify('/t/pxelinux.cfg/menu.txt', 'MENU TITLE Boot\nLABEL local\n', 'pxelinux')).toBe('pxelinux');
    expect(classify('/t/pxelinux.cfg/01-52-54-00-12-34-56', 'anything', 'pxelinux')).toBe('pxelinux');
  });
});
