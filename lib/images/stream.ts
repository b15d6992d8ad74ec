/** Fedora CoreOS stream metadata: which PXE artifacts a stream's current release has. */
import { decodeUrlPath } from '../core/ruleContext';
import { escapeControl, hasControl } from '../core/untrusted';

export type Arch = 'x86_64' | 'aarch64';
export const ARCHES: readonly Arch[] = ['x86_64', 'aarch64'];
export const STREAMS = ['stable', 'testing', 'next'] as const;
export type Stream = (typeof STREAMS)[number];
export type ArtifactKind = 'kernel' | 'initramfs' | 'rootfs';
export const KINDS: readonly ArtifactKind[] = ['kernel', 'initramfs', 'rootfs'];

export class ImageError extends Error {
  override readonly name = 'ImageError';
  constructor(
    message: string,
    /** The file (or URL) the failure is about, when there is one. */
    readonly file?: string,
  ) {
    super(message);
  }
}

export interface Artifact {
  kind: ArtifactKind;
  location: string;
  sha256: string;
  signature?: string;
  /** The versioned file name: the basename of `location`. */
  name: string;
  /** The stable symlink that points at it: kernel-<arch>, initramfs.<arch>.img, rootfs.<arch>.img. */
  link: string;
}

export interface Release {
  release: string;
  arch: Arch;
  artifacts: Artifact[];
}

export function defaultStreamUrl(stream: Stream): string {
  return `https://builds.coreos.fedoraproject.org/streams/${stream}.json`;
}

export function linkName(kind: ArtifactKind, arch: string): string {
  return kind === 'kernel' ? `kernel-${arch}` : `${kind}.${arch}.img`;
}

/**
 * Why a file name taken from the stream's location URL cannot be an artifact's name in images.dir, or
 * undefined: it must be one plain file name, and none of the stable links (a link named like its own
 * target points at itself) nor another artifact's.
 */
function unusableName(name: string, arch: string, taken: readonly string[]): string | undefined {
  if (!name) return 'it is empty';
  if (/[\\/]/.test(name)) return 'it contains a folder separator';
  if (name.startsWith('.')) return 'it starts with a dot (`..`, a hidden or temp file)';
  if (hasControl(name)) return 'it contains control characters';
  if (name.length > 200) return 'it is longer than 200 characters';
  if (KINDS.some((k) => linkName(k, arch) === name))
    return `it is the name of a stable link, which would then point at itself or at the wrong kind`;
  if (taken.includes(name)) return 'another artifact of the release has the same name';
  return undefined;
}

/** Reads `architectures.<arch>.artifacts.metal` (release and formats.pxe) from a stream document. */
export function pxeRelease(json: unknown, arch: Arch, source: string): Release {
  const metal = (
    json as {
      architectures?: Record<
        string,
        {
          artifacts?: {
            metal?: {
              release?: unknown;
              formats?: { pxe?: Record<string, { location?: unknown; sha256?: unknown; signature?: unknown }> };
            };
          };
        }
      >;
    }
  )?.architectures?.[arch]?.artifacts?.metal;
  if (!metal)
    throw new ImageError(`${source} has no metal artifacts for ${arch}: check --arch and the stream URL.`, source);
  const release = typeof metal.release === 'string' ? metal.release : undefined;
  const pxe = metal.formats?.pxe;
  if (!release || !pxe)
    throw new ImageError(
      `${source} has no PXE artifacts (formats.pxe) in its ${arch} metal release: is it a Fedora CoreOS stream?`,
      source,
    );
  if (!/^[\w.+-]+$/.test(release))
    throw new ImageError(`${source} names an odd release "${release}": refusing to use it in file names.`, source);
  const taken: string[] = [];
  const artifacts = KINDS.map((kind): Artifact => {
    const entry = pxe[kind];
    const location = typeof entry?.location === 'string' ? entry.location : '';
    const sha256 = typeof entry?.sha256 === 'string' ? entry.sha256.toLowerCase() : '';
    if (!/^https?:\/\//.test(location) || !/^[0-9a-f]{64}$/.test(sha256))
      throw new ImageError(`${source}: the ${kind} entry needs an http(s) location and a sha256.`, source);
    const name = decodeUrlPath(new URL(location).pathname.split('/').pop() ?? '');
    const why = unusableName(name, arch, taken);
    if (why)
      throw new ImageError(
        `${source}: the ${kind} location ${escapeControl(location)} ends in "${escapeControl(name)}", ` +
          `which cannot name a file in the images folder: ${why}. Nothing was downloaded; check the stream URL.`,
        source,
      );
    taken.push(name);
    return {
      kind,
      location,
      sha256,
      ...(typeof entry?.signature === 'string' ? { signature: entry.signature } : {}),
      name,
      link: linkName(kind, arch),
    };
  });
  return { release, arch, artifacts };
}

/** Compares FCOS release strings (`33.20201201.3.0`) part by part, numbers as numbers. */
export function compareReleases(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d) return d;
  }
  return 0;
}
