/**
 * SBAT (shim's revocation by generation, rhboot/shim SBAT.md): a boot file's `.sbat` section lists its
 * components with a generation number; shim refuses a file whose component generation is below the
 * revocation level it applies (its `.sbatlevel` section carries the levels it knows). Parsed as shim 16.1's
 * csv.c and sbat.c do: lines end at CR or LF, blank lines are skipped, the text ends at the first NUL.
 */
import type { PeImage } from './pe';
import { sectionData } from './pe';

export interface SbatEntry {
  component: string;
  generation: number;
  vendor: string;
  packageName: string;
  version: string;
  url: string;
}

export interface SbatSection {
  text: string;
  entries: SbatEntry[];
  /** Why shim could not parse it (a row with fewer than six fields, an empty field). */
  problem?: string;
}

/** A revocation level: `sbat,1,2025021800` then `component,generation` lines. */
export interface SbatLevel {
  text: string;
  /** The date stamp of its first line (2025021800). */
  date: string;
  revocations: Array<{ component: string; generation: number }>;
}

const COLUMNS = 6;
const UTF8_BOM = '\ufeff';

function textOf(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  const text = Buffer.from(bytes.subarray(0, nul < 0 ? bytes.length : nul)).toString('utf8');
  return text.startsWith(UTF8_BOM) ? text.slice(1) : text;
}

function rows(text: string): string[][] {
  return text
    .split(/[\r\n]+/)
    .filter((line) => line.length > 0)
    .map((line) => line.split(','));
}

/** shim's atoi: leading digits, 0 when there are none. */
const generationOf = (field: string | undefined): number => Number(/^\d{1,9}/.exec(field ?? '')?.[0] ?? 0);

export function parseSbat(bytes: Uint8Array): SbatSection {
  const text = textOf(bytes);
  const entries: SbatEntry[] = [];
  for (const row of rows(text)) {
    const fields = row.slice(0, COLUMNS);
    if (fields.length < COLUMNS || fields.some((f) => f.length === 0)) {
      return { text, entries, problem: `its SBAT line "${row.join(',')}" does not have six fields` };
    }
    const [component, generation, vendor, packageName, version, url] = fields as [string, ...string[]];
    entries.push({
      component,
      generation: generationOf(generation),
      vendor: vendor!,
      packageName: packageName!,
      version: version!,
      url: url!,
    });
  }
  return { text, entries };
}

export function parseSbatLevel(text: string): SbatLevel | undefined {
  const [first, ...rest] = rows(text);
  if (!first || first[0] !== 'sbat' || first.length < 3) return undefined;
  return {
    text,
    date: first[2] ?? '',
    revocations: [first, ...rest]
      .filter((r) => r[0] && r.length >= 2)
      .map((r) => ({ component: r[0]!, generation: generationOf(r[1]) })),
  };
}

/** The `.sbat` section of an image, or undefined when it has none. */
export function sbatOf(image: PeImage): SbatSection | undefined {
  const bytes = sectionData(image, '.sbat');
  return bytes ? parseSbat(bytes) : undefined;
}

/** shim's `.sbatlevel` section: u32 version, then the offsets of the automatic and latest levels. */
export function sbatLevelsOf(image: PeImage): { automatic?: SbatLevel; latest?: SbatLevel } {
  const bytes = sectionData(image, '.sbatlevel');
  if (!bytes || bytes.length < 12) return {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const at = (offset: number): SbatLevel | undefined =>
    4 + offset < bytes.length ? parseSbatLevel(textOf(bytes.subarray(4 + offset))) : undefined;
  const automatic = at(view.getUint32(4, true));
  const latest = at(view.getUint32(8, true));
  return { ...(automatic ? { automatic } : {}), ...(latest ? { latest } : {}) };
}

/** The first entry a level revokes (its generation is below the level's), or undefined when none is. */
export function sbatRevoked(
  entries: SbatEntry[],
  level: SbatLevel,
): { entry: SbatEntry; required: number } | undefined {
  for (const entry of entries) {
    const revocation = level.revocations.find((r) => r.component === entry.component);
    if (revocation && entry.generation < revocation.generation) return { entry, required: revocation.generation };
  }
  return undefined;
}
