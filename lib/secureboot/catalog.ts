/**
 * The Secure Boot facts, loaded once from lib/data/secureboot-anchors.json (sources recorded there):
 * Microsoft's UEFI CA certificates, and which of them a firmware db holds by the profile the site file names.
 */
import data from '../data/secureboot-anchors.json';
import type { TrustAnchor } from './anchors';

/** Which Microsoft CAs a firmware db holds; the same names as the site file's `secureBoot.firmwareKeys`. */
export type FirmwareProfile = 'microsoft' | 'microsoft-2011' | 'microsoft-2023';
export const FIRMWARE_PROFILES: readonly FirmwareProfile[] = ['microsoft', 'microsoft-2011', 'microsoft-2023'];

const MICROSOFT: readonly TrustAnchor[] = data.anchors.map((a) =>
  Object.freeze({
    name: a.name,
    subject: a.subject,
    sha256: a.sha256,
    der: new Uint8Array(Buffer.from(a.der, 'base64')),
    use: a.use === 'windows' ? 'windows' : 'thirdParty',
  }),
);

/** Microsoft's Secure Boot CAs, as the data file lists them. */
export function microsoftAnchors(): readonly TrustAnchor[] {
  return MICROSOFT;
}

/** The db of a firmware with that profile: `microsoft-2011` is what QEMU's OVMF_VARS_4M.ms.fd holds. */
export function firmwareDb(profile: FirmwareProfile = 'microsoft'): TrustAnchor[] {
  const names: readonly string[] = data.profiles[profile];
  return MICROSOFT.filter((a) => names.includes(a.name));
}
