/**
 * EFI_SIGNATURE_LIST, the format of the firmware's db/dbx and of shim's vendor_db and vendor_dbx: a run of
 * lists, each a type GUID, three sizes and same-sized entries (an owner GUID, then the data). Only the two
 * types boot verdicts use are kept: X.509 certificates and SHA-256 image digests.
 */

/** EFI_CERT_X509_GUID and EFI_CERT_SHA256_GUID as stored (little-endian fields). */
const EFI_CERT_X509 = Buffer.from('a159c0a5e494a74a87b5ab155c2bf072', 'hex');
const EFI_CERT_SHA256 = Buffer.from('2616c4c14c509240aca941f936934328', 'hex');
const LIST_HEADER = 28;
const OWNER = 16;
/** Entries read from one signature database; shim's vendor_dbx holds a few hundred digests. */
export const MAX_SIGNATURE_ENTRIES = 4096;

export interface SignatureDatabase {
  certificates: Uint8Array[];
  /** SHA-256 image digests, lower-case hex. */
  sha256: string[];
  /** Entries of other types (SHA-1, RSA-2048 keys, certificate digests), not used by verdicts. */
  other: number;
  problem?: string;
}

/** Reads concatenated EFI_SIGNATURE_LISTs; stops at the first list whose sizes do not fit. */
export function parseSignatureLists(bytes: Uint8Array): SignatureDatabase {
  const db: SignatureDatabase = { certificates: [], sha256: [], other: 0 };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < LIST_HEADER) return { ...db, problem: 'a signature list is cut short' };
    const listSize = view.getUint32(at + 16, true);
    const headerSize = view.getUint32(at + 20, true);
    const entrySize = view.getUint32(at + 24, true);
    const first = at + LIST_HEADER + headerSize;
    const end = at + listSize;
    if (listSize < LIST_HEADER || end > bytes.length || entrySize <= OWNER || first > end) {
      return { ...db, problem: 'a signature list has sizes that do not fit' };
    }
    if ((end - first) % entrySize !== 0) return { ...db, problem: 'a signature list is not a whole number of entries' };
    const type = Buffer.from(bytes.subarray(at, at + 16));
    for (let entry = first; entry < end; entry += entrySize) {
      if (db.certificates.length + db.sha256.length + db.other >= MAX_SIGNATURE_ENTRIES) {
        return { ...db, problem: `more than ${MAX_SIGNATURE_ENTRIES} entries; not read on` };
      }
      const data = bytes.subarray(entry + OWNER, entry + entrySize);
      if (type.equals(EFI_CERT_X509)) db.certificates.push(data);
      else if (type.equals(EFI_CERT_SHA256) && data.length === 32) db.sha256.push(Buffer.from(data).toString('hex'));
      else db.other++;
    }
    at = end;
  }
  return db;
}

/** Bytes that begin like an EFI_SIGNATURE_LIST of certificates or digests (a DER certificate begins with 0x30). */
export function looksLikeSignatureList(bytes: Uint8Array): boolean {
  const type = Buffer.from(bytes.subarray(0, 16));
  return type.equals(EFI_CERT_X509) || type.equals(EFI_CERT_SHA256);
}

/** One EFI_SIGNATURE_LIST of X.509 entries (what `efisiglist`/`cert-to-efi-sig-list` write), for tests and tools. */
export function x509SignatureList(certificates: Uint8Array[], owner = new Uint8Array(OWNER)): Uint8Array {
  const out: Buffer[] = [];
  for (const der of certificates) {
    const header = Buffer.alloc(LIST_HEADER);
    EFI_CERT_X509.copy(header, 0);
    header.writeUInt32LE(LIST_HEADER + OWNER + der.length, 16);
    header.writeUInt32LE(0, 20);
    header.writeUInt32LE(OWNER + der.length, 24);
    out.push(header, Buffer.from(owner), Buffer.from(der));
  }
  return new Uint8Array(Buffer.concat(out));
}
