/**
 * The trust anchors are what they say: each fingerprint is its certificate's, each name its common name, and
 * the microsoft-2011 profile is exactly the db of QEMU's OVMF_VARS_4M.ms.fd (read from the file itself).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FIRMWARE_PROFILES,
  firmwareDb,
  microsoftAnchors,
  parseSignatureLists,
  trustAnchor,
  x509SignatureList,
} from '../../../lib/secureboot';
import { MAX_SIGNATURE_ENTRIES } from '../../../lib/secureboot/esl';
import data from '../../../lib/data/secureboot-anchors.json';

const OVMF_VARS = '/usr/share/OVMF/OVMF_VARS_4M.ms.fd';
/** EFI_IMAGE_SECURITY_DATABASE_GUID as stored, the vendor GUID of db and dbx. */
const SECURITY_DATABASE = Buffer.from('cbb219d73a3d9645a3bcdad00e67656f', 'hex');

/** The data of the live `db` variable in an OVMF variable store (authenticated variable headers, 60 bytes). */
function ovmfDb(store: Buffer): Buffer {
  const name = Buffer.from('db\0', 'utf16le');
  for (let at = store.indexOf(name); at >= 0; at = store.indexOf(name, at + 1)) {
    const header = at - 60;
    if (header < 0 || store.readUInt16LE(header) !== 0x55aa || store[header + 2] !== 0x3f) continue;
    if (!store.subarray(header + 44, header + 60).equals(SECURITY_DATABASE)) continue;
    const size = store.readUInt32LE(header + 40);
    return store.subarray(at + name.length, at + name.length + size);
  }
  throw new Error(`no db variable in ${OVMF_VARS}`);
}

describe('Secure Boot trust anchors', () => {
  it('records each certificate with its own fingerprint, name and subject, and a source', () => {
    expect(microsoftAnchors().map((a) => a.name)).toEqual([
      'Microsoft Corporation UEFI CA 2011',
      'Microsoft UEFI CA 2023',
      'Microsoft Windows Production PCA 2011',
      'Windows UEFI CA 2023',
    ]);
    for (const a of microsoftAnchors()) {
      expect(createHash('sha256').update(a.der).digest('hex'), a.name).toBe(a.sha256);
      const parsed = trustAnchor(a.der)!;
      expect(parsed.name).toBe(a.name);
      expect(parsed.subject).toBe(a.subject);
    }
    for (const entry of data.anchors) expect(entry.$comment, entry.name).toMatch(/Source: .*(OVMF|secureboot_objects)/);
  });

  it('has microsoft-2011 hold exactly the db of OVMF_VARS_4M.ms.fd', () => {
    const db = parseSignatureLists(ovmfDb(readFileSync(OVMF_VARS)));
    expect(db.problem).toBeUndefined();
    const inFile = db.certificates.map((der) => createHash('sha256').update(der).digest('hex')).sort();
    expect(
      firmwareDb('microsoft-2011')
        .map((a) => a.sha256)
        .sort(),
    ).toEqual(inFile);
  });

  it('offers the profiles the site file names, Windows and third-party CAs of each generation', () => {
    const schema = JSON.parse(readFileSync('schemas/pxe-site.schema.json', 'utf8')) as {
      properties: { secureBoot: { properties: { firmwareKeys: { enum: string[] } } } };
    };
    expect([...FIRMWARE_PROFILES].sort()).toEqual(
      [...schema.properties.secureBoot.properties.firmwareKeys.enum].sort(),
    );
    const uses = (profile: (typeof FIRMWARE_PROFILES)[number]): string[] => firmwareDb(profile).map((a) => `${a.use}`);
    expect(uses('microsoft-2011').sort()).toEqual(['thirdParty', 'windows']);
    expect(uses('microsoft-2023').sort()).toEqual(['thirdParty', 'windows']);
    expect(firmwareDb('microsoft')).toHaveLength(4);
    expect(firmwareDb()).toEqual(firmwareDb('microsoft'));
  });

  it('reads signature lists it writes, and stops at sizes that do not fit', () => {
    const ders = microsoftAnchors().map((a) => a.der);
    expect(parseSignatureLists(x509SignatureList(ders)).certificates.map((c) => Buffer.from(c))).toEqual(
      ders.map((d) => Buffer.from(d)),
    );
    const broken = x509SignatureList(ders.slice(0, 1));
    new DataView(broken.buffer).setUint32(16, 0xffffffff, true);
    expect(parseSignatureLists(broken)).toMatchObject({ certificates: [], problem: /do not fit/ });
  });

  it('reads at most MAX_SIGNATURE_ENTRIES entries of a huge list', () => {
    const count = MAX_SIGNATURE_ENTRIES + 1000;
    const list = Buffer.alloc(28 + count * 48);
    Buffer.from('2616c4c14c509240aca941f936934328', 'hex').copy(list); // EFI_CERT_SHA256_GUID
    list.writeUInt32LE(list.length, 16);
    list.writeUInt32LE(48, 24);
    const read = parseSignatureLists(list);
    expect(read.sha256).toHaveLength(MAX_SIGNATURE_ENTRIES);
    expect(read.problem).toMatch(/not read on/);
  });
});
