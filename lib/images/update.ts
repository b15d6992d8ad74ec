/**
 * The Fedora CoreOS image updater: read the stream, download what is new (concurrently, resumable, verified),
 * then move it into place and repoint the stable symlinks atomically, keep the newest N versions and record
 * `.latest.txt`. A failure at any point leaves the previous version fully in place.
 */
import { bodyCapped, fenced } from '../core/net';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { confine, escapeControl, parseJsonCapped, readCappedAsync } from '../core/untrusted';
import { downloadVerified } from './download';
import { verifySignature } from './signature';
import {
  compareReleases,
  defaultStreamUrl,
  ImageError,
  pxeRelease,
  type Arch,
  type Artifact,
  type Release,
  type Stream,
} from './stream';

export interface UpdateOptions {
  dest: string;
  stream: Stream;
  arch: Arch;
  keep: number;
  streamUrl?: string;
  /** An armored OpenPGP public key: when given, each artifact's detached signature must verify with it. */
  gpgKey?: string;
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
  log?: (line: string) => void;
}

export interface Progress {
  done: number;
  total: number;
  bytesPerSecond: number;
  /** Seconds left at the current rate, when it can be told. */
  etaSeconds?: number;
}

export interface UpdateResult {
  release: string;
  /** True when it was already current: nothing was downloaded. */
  upToDate: boolean;
  downloaded: string[];
  bytes: number;
  removed: string[];
  seconds: number;
}

export const LATEST_FILE = '.latest.txt';

/** The stream metadata is tens of KiB; a reply over this is not one. */
const MAX_STREAM_BYTES = 8 * 1024 * 1024;

/**
 * Where the artifacts live: a local folder, or a folder on the NAS reached over SSH. Names are plain file
 * names inside that folder.
 */
export interface ImageStore {
  /** Shown in messages, e.g. the folder or `nas:/volume1/docker/tftp/fedora-coreos`. */
  readonly where: string;
  prepare(): Promise<void>;
  exists(name: string): Promise<boolean>;
  readLink(name: string): Promise<string | undefined>;
  readText(name: string): Promise<string | undefined>;
  names(): Promise<string[]>;
  /** Downloads the artifact into `<name>.tmp` and checks its sha256 (and signature when asked). */
  fetch(
    artifact: Artifact,
    events: { size(n: number): void; bytes(n: number): void },
    signal?: AbortSignal,
  ): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Replaces a symlink in one rename. */
  repoint(link: string, target: string): Promise<void>;
  writeAtomically(name: string, text: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** The local folder: downloads stream through sha256 into `<name>.tmp`. */
export function localStore(dest: string, gpgKey?: string): ImageStore {
  // A file written to: inside the folder for real, so a symlink left at its name cannot redirect the write.
  const inside = (name: string): string => {
    const path = join(dest, name);
    if (confine(dest, path) === undefined)
      throw new ImageError(
        `${escapeControl(path)} leads outside ${escapeControl(dest)} (a symlink?): remove it and run the update again.`,
        name,
      );
    return path;
  };
  return {
    where: dest,
    prepare: () =>
      fs.mkdir(dest, { recursive: true }).then(
        () => undefined,
        (error: NodeJS.ErrnoException) => {
          throw new ImageError(
            `cannot create ${dest} (${error.code ?? String(error)}): check the path and its permissions.`,
            dest,
          );
        },
      ),
    exists: (name) => exists(join(dest, name)),
    readLink: (name) => readLink(join(dest, name)),
    readText: async (name) => {
      const read = await readCappedAsync(join(dest, name), 65536);
      return read.ok ? read.bytes.toString('utf8') : undefined;
    },
    names: () => fs.readdir(dest).catch(() => [] as string[]),
    async fetch(artifact, events, signal) {
      await downloadVerified(artifact.location, inside(`${artifact.name}.tmp`), artifact.sha256, {
        ...(signal ? { signal } : {}),
        label: artifact.name,
        events,
      });
      if (gpgKey) {
        if (!artifact.signature)
          throw new ImageError(
            `${artifact.name}: the stream has no signature URL for it, so it cannot be checked against the key you gave.`,
            artifact.name,
          );
        await verifySignature(join(dest, `${artifact.name}.tmp`), artifact.signature, gpgKey, artifact.name, signal);
      }
    },
    rename: (from, to) => fs.rename(join(dest, from), join(dest, to)),
    repoint: (link, target) => repoint(dest, link, target),
    writeAtomically: (name, text) => writeAtomically(join(dest, name), text),
    remove: (name) => fs.rm(join(dest, name), { force: true }),
  };
}

async function readJson(url: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  const refused = fenced(new URL(url).hostname);
  if (refused) throw new ImageError(`cannot fetch the stream metadata: ${refused}`, url);
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ImageError(
      `cannot fetch the stream metadata ${url} (${(error as Error & { cause?: Error }).cause?.message ?? String(error)}). ` +
        'Check the network, or pass --stream-url.',
      url,
    );
  }
  if (!response.ok)
    throw new ImageError(
      `the stream metadata ${url} answered HTTP ${response.status}. Check --stream and --stream-url.`,
      url,
    );
  let text: string;
  try {
    text = (await bodyCapped(response, MAX_STREAM_BYTES)).toString('utf8');
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ImageError(
      `the stream metadata ${url} is not usable (${(error as Error).message}); a stream file is tens of KiB. ` +
        'Check --stream-url.',
      url,
    );
  }
  try {
    return parseJsonCapped(text, url);
  } catch {
    throw new ImageError(`the stream metadata ${url} is not JSON. Check --stream-url.`, url);
  }
}

async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    () => true,
    () => false,
  );
}

async function readLink(path: string): Promise<string | undefined> {
  return fs.readlink(path).catch(() => undefined);
}

/** Replaces `link` with a symlink to `target` in one rename: a reader sees the old link or the new, never none. */
export async function repoint(dir: string, link: string, target: string): Promise<void> {
  const tmp = join(dir, `.${link}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.symlink(target, tmp);
  try {
    await fs.rename(tmp, join(dir, link));
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw new ImageError(
      `cannot repoint ${link} to ${target} in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
        "check the folder's permissions.",
      join(dir, link),
    );
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, path);
}

/** Versions present among `names`: release → the versioned files of it. */
export function versionsOf(names: readonly string[], arch: string): Map<string, string[]> {
  const pattern = new RegExp(
    `^fedora-coreos-(.+)-live-(kernel-${arch}|initramfs\\.${arch}\\.img|rootfs\\.${arch}\\.img)$`,
  );
  const versions = new Map<string, string[]>();
  for (const name of names) {
    const release = pattern.exec(name)?.[1];
    if (release) versions.set(release, [...(versions.get(release) ?? []), name]);
  }
  return versions;
}

function throttle(report: ((p: Progress) => void) | undefined): {
  size(n: number): void;
  bytes(n: number): void;
  flush(): void;
} {
  let total = 0;
  let done = 0;
  let fresh = 0;
  const started = Date.now();
  let last = 0;
  const emit = (force: boolean): void => {
    const now = Date.now();
    if (!report || (!force && now - last < 200)) return;
    last = now;
    const seconds = (now - started) / 1000;
    const bytesPerSecond = seconds > 0 ? fresh / seconds : 0;
    report({
      done,
      total: Math.max(total, done),
      bytesPerSecond,
      ...(bytesPerSecond > 0 && total > done ? { etaSeconds: (total - done) / bytesPerSecond } : {}),
    });
  };
  return {
    size: (n) => {
      total += n;
      emit(false);
    },
    bytes: (n) => {
      done += n;
      fresh += n;
      emit(false);
    },
    flush: () => emit(true),
  };
}

export async function updateImages(
  options: UpdateOptions,
  store: ImageStore = localStore(options.dest, options.gpgKey),
): Promise<UpdateResult> {
  const started = Date.now();
  const seconds = (): number => (Date.now() - started) / 1000;
  const log = options.log ?? (() => undefined);
  if (!Number.isInteger(options.keep) || options.keep < 1)
    throw new ImageError(`--keep ${options.keep}: keep at least 1 version.`);
  const url = options.streamUrl ?? defaultStreamUrl(options.stream);
  log(`reading ${url}`);
  const release: Release = pxeRelease(await readJson(url, options.signal), options.arch, url);
  await store.prepare();
  const missing: Artifact[] = [];
  for (const artifact of release.artifacts) if (!(await store.exists(artifact.name))) missing.push(artifact);
  const current = await isCurrent(store, release);
  if (!missing.length && current) {
    log(`Fedora CoreOS ${release.release} (${options.stream}, ${options.arch}) is already current in ${store.where}`);
    return { release: release.release, upToDate: true, downloaded: [], bytes: 0, removed: [], seconds: seconds() };
  }
  const bytes = await fetchAll(store, missing, options, log);
  // Move into place, then repoint each link in one rename, then record the release.
  for (const artifact of missing) await store.rename(`${artifact.name}.tmp`, artifact.name);
  for (const artifact of release.artifacts) await store.repoint(artifact.link, artifact.name);
  await store.writeAtomically(LATEST_FILE, `${release.release}\n`);
  log(
    `Fedora CoreOS ${release.release} is current: ${release.artifacts.map((a) => `${a.link} → ${a.name}`).join(', ')}`,
  );
  const removed = await rotate(store, release.release, options);
  if (removed.length) log(`removed ${removed.length} file(s) of older versions`);
  return {
    release: release.release,
    upToDate: false,
    downloaded: missing.map((a) => a.name),
    bytes,
    removed,
    seconds: seconds(),
  };
}

/** Every stable link points at this release's file and `.latest.txt` names it. */
async function isCurrent(store: ImageStore, release: Release): Promise<boolean> {
  const linksCurrent = await Promise.all(release.artifacts.map(async (a) => (await store.readLink(a.link)) === a.name));
  const latest = ((await store.readText(LATEST_FILE)) ?? '').trim();
  return linksCurrent.every(Boolean) && latest === release.release;
}

/**
 * Downloads what is missing, all at once, each into <name>.tmp; nothing is moved until all of them verify.
 * Returns the bytes downloaded.
 */
async function fetchAll(
  store: ImageStore,
  missing: Artifact[],
  options: UpdateOptions,
  log: (line: string) => void,
): Promise<number> {
  const { signal } = options;
  const progress = throttle(options.progress);
  let bytes = 0;
  const results = await Promise.allSettled(
    missing.map(async (artifact) => {
      log(`downloading ${artifact.location}`);
      await store.fetch(artifact, { size: progress.size, bytes: (n) => ((bytes += n), progress.bytes(n)) }, signal);
      log(`verified ${artifact.name}`);
    }),
  );
  progress.flush();
  if (signal?.aborted)
    throw new ImageError(
      'cancelled: finished and partial downloads are kept as .tmp files; the next update resumes them. ' +
        'The previous version is still in place.',
    );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed)
    throw failed.reason instanceof ImageError
      ? failed.reason
      : new ImageError(String((failed.reason as Error)?.message ?? failed.reason));
  return bytes;
}

/** Keeps the newest `keep` versions (the current one always) and deletes the rest; returns what it deleted. */
async function rotate(store: ImageStore, current: string, options: UpdateOptions): Promise<string[]> {
  const versions = versionsOf(await store.names(), options.arch);
  const ordered = [...versions.keys()].sort(compareReleases).reverse();
  const keep = new Set([current, ...ordered.filter((v) => v !== current).slice(0, options.keep - 1)]);
  const removed: string[] = [];
  for (const version of ordered) {
    if (keep.has(version)) continue;
    for (const name of versions.get(version) ?? []) {
      await store.remove(name);
      removed.push(name);
    }
  }
  return removed;
}
