/**
 * A small GRUB EFI image built in memory, shaped as grub-mkimage lays one out: a PE32+ file whose `mods`
 * section holds the module info header (`mimg`) and objects — ELF modules with a .modname, an embedded
 * config, the prefix, a tar memdisk — and an `.sbat` section. For tests of lib/languages/grub/image.ts and of
 * the rules that read the image in a TFTP root.
 */
export interface FakeGrubImage {
  modules?: string[];
  prefix?: string;
  config?: string;
  /** grub.cfg of a tar memdisk (grub-mkstandalone's kind). */
  memdisk?: string;
  sbat?: string;
  signed?: boolean;
}

const pad = (b: Buffer, to: number): Buffer => Buffer.concat([b, Buffer.alloc((to - (b.length % to)) % to)]);

function elfModule(name: string): Buffer {
  const strings = Buffer.from('\0.shstrtab\0.modname\0');
  const modname = Buffer.from(`${name}\0`);
  const header = Buffer.alloc(64);
  header.writeUInt32LE(0x464c457f, 0);
  header[4] = 2;
  const dataAt = 64;
  const shoff = dataAt + strings.length + modname.length;
  header.writeBigUInt64LE(BigInt(shoff), 0x28);
  header.writeUInt16LE(64, 0x3a);
  header.writeUInt16LE(3, 0x3c);
  header.writeUInt16LE(1, 0x3e);
  const section = (nameAt: number, offset: number, size: number): Buffer => {
    const s = Buffer.alloc(64);
    s.writeUInt32LE(nameAt, 0);
    s.writeBigUInt64LE(BigInt(offset), 0x18);
    s.writeBigUInt64LE(BigInt(size), 0x20);
    return s;
  };
  return Buffer.concat([
    header,
    strings,
    modname,
    Buffer.alloc(64),
    section(1, dataAt, strings.length),
    section(11, dataAt + strings.length, modname.length),
  ]);
}

function tar(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write(`${Buffer.byteLength(content).toString(8).padStart(11, '0')}\0`, 124);
  header.write('ustar', 257);
  return Buffer.concat([header, pad(Buffer.from(content), 512), Buffer.alloc(1024)]);
}

function object(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(type, 0);
  header.writeUInt32LE(body.length + 8, 4);
  return pad(Buffer.concat([header, body]), 8);
}

export function fakeGrubImage(spec: FakeGrubImage = {}): Buffer {
  const objects = [
    ...(spec.modules ?? []).map((m) => object(0, elfModule(m))),
    ...(spec.memdisk !== undefined ? [object(1, tar('grub.cfg', spec.memdisk))] : []),
    ...(spec.config !== undefined ? [object(2, Buffer.from(`${spec.config}\0`))] : []),
    ...(spec.prefix !== undefined ? [object(3, Buffer.from(`${spec.prefix}\0`))] : []),
  ];
  const info = Buffer.alloc(24);
  info.writeUInt32LE(0x676d696d, 0);
  info.writeBigUInt64LE(24n, 8);
  const mods = Buffer.concat([info, ...objects]);
  mods.writeBigUInt64LE(BigInt(mods.length), 16);
  const sbat = Buffer.from(spec.sbat ?? 'sbat,1,SBAT Version,sbat,1,x\ngrub,3,Free Software Foundation,grub,2.12,x\n');
  const sections = [
    { name: 'mods', data: pad(mods, 512) },
    { name: '.sbat', data: pad(sbat, 512) },
  ];
  const head = Buffer.alloc(0x400);
  head.write('MZ', 0);
  head.writeUInt32LE(0x40, 0x3c);
  head.write('PE\0\0', 0x40);
  head.writeUInt16LE(0x8664, 0x44);
  head.writeUInt16LE(sections.length, 0x46);
  head.writeUInt16LE(240, 0x54);
  head.writeUInt16LE(0x20b, 0x58);
  if (spec.signed) head.writeUInt32LE(8, 0x58 + 112 + 4 * 8 + 4);
  let at = 0x400;
  sections.forEach((s, k) => {
    const h = 0x58 + 240 + 40 * k;
    head.write(s.name, h);
    head.writeUInt32LE(s.data.length, h + 8);
    head.writeUInt32LE(at, h + 12);
    head.writeUInt32LE(s.data.length, h + 16);
    head.writeUInt32LE(at, h + 20);
    at += s.data.length;
  });
  return Buffer.concat([head, ...sections.map((s) => s.data)]);
}
