import { describe, expect, it } from 'vitest';
import { kindOf, stageLine, Timeline } from '../../../lib/vm/timeline';

/** Serial consoles as the four boot paths print them (trimmed), in odd chunks, escapes included. */
const BIOS_PXELINUX = [
  '\x1bc\x1b[?7l\x1b[2J\x1b[0mSeaBIOS (version 1.16.2-debian-1.16.2-1)\r\n',
  '\x1b[0;1miPXE 1.0.0+git-20190125.36a4c85-5.1\x1b[0m -- Open Source Network Boot Firmware -- \x1b[0;36mhttp\r\n://ipxe.org\r\n',
  'Configuring (net0 52:54:00:00:00:01)...... ok\r\nnet0: 192.168.255.51/255.255.255.0 gw 192.168.255.1\r\n',
  'Next server: 192.168.255.1\r\nFilename: lpxelinux.0\r\n' +
    'tftp://192.168.255.1/lpxelinux.0... ok\r\nlpxelinux.0 : 75072 bytes [PXE-NBP]\r\n',
  'PXELINUX 6.04 lwIP 20200816 Copyright (C) 1994-2015 H. Peter Anvin et al\r\n',
  'Loading http://192.168.255.2/tftp/vmlinuz... ok\r\nLoading http://192.168.255.2/tftp/initrd.img...ok\r\n',
  '[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)\r\n',
  '[    1.75] Run /init as init process\r\nPXE-WORKBENCH-TEST-MARKER reached /init\r\n',
].join('');

describe('the boot timeline', () => {
  it('marks each stage once, in order, from any chunking of the serial console', () => {
    for (const size of [1, 7, 64, 100_000]) {
      const t = new Timeline('PXE-WORKBENCH-TEST-MARKER');
      for (let i = 0; i < BIOS_PXELINUX.length; i += size) t.serial(BIOS_PXELINUX.slice(i, i + size));
      t.flush();
      expect(t.stages.map((s) => `${s.id}:${s.label}`)).toEqual([
        'firmware:SeaBIOS 1.16.2-debian-1.16.2-1',
        'firmware:iPXE 1.0.0+git-20190125.36a4c85-5.1 network ROM',
        'dhcp:iPXE, 52:54:00:00:00:01',
        'bootfile:lpxelinux.0',
        'loader:PXELINUX 6.04',
        'kernel:vmlinuz',
        'initrd:initrd.img',
        'linux:Linux 6.1.0-56-amd64',
        'initramfs:/init',
        'marker:PXE-WORKBENCH-TEST-MARKER reached /init',
      ]);
      expect(t.stages.find((s) => s.id === 'bootfile')).toMatchObject({ via: 'tftp', bytes: 75072 });
      expect(t.reached()?.id).toBe('marker');
    }
  });

  it('takes bytes and time from the HTTP log, and says what a failure line means', () => {
    const t = new Timeline();
    t.http({ method: 'GET', url: 'http://192.168.255.2/tftp/vmlinuz', status: 200, bytes: 8_247_232, ms: 500 });
    t.serial('http://192.168.255.2/tftp/vmlinuz... ok\r\n');
    t.http({ method: 'GET', url: 'http://192.168.255.2/tftp/missing.img', status: 404, bytes: 0, ms: 1 });
    const later = new Timeline();
    later.http({
      method: 'GET',
      url: 'http://192.168.255.2/tftp/fedora-coreos/config.ign',
      status: 200,
      bytes: 2048,
      ms: 3,
    });
    expect(later.reached()).toMatchObject({ id: 'ignition', label: 'config.ign', via: 'http', bytes: 2048 });
    t.serial('[    0.9] VFS: Unable to mount root fs on unknown-block(0,0)\r\n');
    expect(t.stages).toHaveLength(1);
    expect(stageLine(t.stages[0]!)).toMatch(
      /Kernel\s+vmlinuz {2}\(8,247,232 bytes over HTTP in 0\.5 s at 15\.7 MiB\/s\)/,
    );
    expect(t.failure?.line).toMatch(/^VFS: Unable to mount root fs/);
    expect(t.failure?.hint).toMatch(/initrd=<name>.*ipxe\.missingInitrd/);
  });

  it('reads SYSLINUX EFI, which prints no banner and runs its lines together', () => {
    const t = new Timeline();
    t.serial(
      'Filename: syslinux.efi\r\ntftp://192.168.255.1/syslinux.efi... ok\r\nsyslinux.efi : 171456 bytes [EFI]\r\n' +
        'Getting cached packet \r\nMy IP is 192.168.255.54\r\n' +
        'Loading vmlinuz... okLoading initrd.img...ok[    0.000000] Linux version 6.1.0-56-amd64 (x)\r\n',
    );
    expect(t.stages.map((s) => `${s.id}:${s.label}:${s.via ?? ''}`)).toEqual([
      'bootfile:syslinux.efi:tftp',
      'loader:SYSLINUX (EFI):',
      'kernel:vmlinuz:tftp',
      'initrd:initrd.img:tftp',
      'linux:Linux 6.1.0-56-amd64:',
    ]);
  });

  it('knows an initrd arrived from the kernel when the loader did not say it fetched one', () => {
    const t = new Timeline();
    t.serial(
      'Loading vmlinuz... ok\r\n[    0.0] Linux version 6.1.0 (x)\r\n[    1.18] Freeing initrd memory: 1028K\r\n',
    );
    expect(t.stages.map((s) => `${s.id}:${s.label}`)).toEqual([
      'kernel:vmlinuz',
      'linux:Linux 6.1.0',
      'initrd:initrd (unpacked by the kernel)',
    ]);
    const u = new Timeline();
    u.serial('Loading initrd.img...ok\r\n[    1.18] Freeing initrd memory: 1028K\r\n');
    expect(u.stages.map((s) => s.label)).toEqual(['initrd.img']);
  });

  it('counts a PXELINUX fetch from "Loading", also when "ok" comes after a carriage return', () => {
    const t = new Timeline();
    t.serial('Loading vmlinuz...\r ok\r\nLoading initrd.img......\rok\r\n');
    expect(t.stages.map((s) => `${s.id}:${s.label}:${s.via}`)).toEqual([
      'kernel:vmlinuz:tftp',
      'initrd:initrd.img:tftp',
    ]);
  });

  it('reads a PXELINUX line at the foot of the screen ("L", CR, a move to column 2, the rest), in any chunking', () => {
    const console =
      'PXELINUX 6.04 lwIP 20200816 Copyright (C) 1994-2015 H. Peter Anvin et al\r\r\n' +
      'L\r\x1b[25;02Hoading http://192.168.255.2/tftp/vmlinuz... ok\x1b[25;47H\x1b[25;48H\r\n\r' +
      'Loading http://192.168.255.2/tftp/initrd.img...ok\r\n\r';
    for (const size of [1, 2, 3, 100_000]) {
      const t = new Timeline();
      for (let i = 0; i < console.length; i += size) t.serial(console.slice(i, i + size));
      t.flush();
      expect(t.stages.map((s) => `${s.id}:${s.label}:${s.via}`)).toEqual([
        'loader:PXELINUX 6.04:undefined',
        'kernel:vmlinuz:http',
        'initrd:initrd.img:http',
      ]);
    }
  });

  it('tells kinds of files by name', () => {
    expect(
      [
        'vmlinuz',
        'fedora-coreos-41-live-kernel-x86_64',
        'initrd.img',
        'fedora-coreos-live-initramfs.x86_64.img',
        'config.ign',
        'boot.ipxe',
        'pxelinux.cfg/default',
        'ldlinux.c32',
        'syslinux.efi',
      ].map(kindOf),
    ).toEqual(['kernel', 'kernel', 'initrd', 'initrd', 'ignition', 'config', 'config', 'module', 'loader']);
  });
});
