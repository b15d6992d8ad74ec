/**
 * The image updater run on the NAS over SSH: the NAS downloads (curl, else wget) and checks sha256 itself,
 * so nothing passes through this machine; moving into place, the symlinks, `.latest.txt` and the rotation go
 * through SFTP with the same atomic renames as a deploy.
 */
import { randomBytes } from 'node:crypto';
import { posix, relative, sep } from 'node:path';
import { connect, DeployError, shellQuote as quote, type NasTarget, type Remote, type Secrets } from '../deploy';
import { ImageError, type Artifact } from './stream';
import { updateImages, type ImageStore, type UpdateOptions, type UpdateResult } from './update';

const rand = (): string => randomBytes(6).toString('hex');

/** In one step: posix-rename, else `mv -T` (rename(2) on the NAS), so a reader never finds the link missing. */
async function replaceAtomically(remote: Remote, from: string, to: string): Promise<void> {
  if (await remote.renameOver(from, to)) return;
  const moved = await remote.exec(`mv -Tf ${quote(from)} ${quote(to)}`);
  if (moved.code !== 0)
    throw new ImageError(
      `cannot move ${from} to ${to} on the NAS (${moved.stderr.trim() || `exit ${moved.code}`}).`,
      to,
    );
}

export function sshStore(remote: Remote, dir: string, label: string): ImageStore {
  const at = (name: string): string => `${dir}/${name}`;
  return {
    where: `${label}:${dir}`,
    async prepare() {
      const made = await remote.exec(`mkdir -p ${quote(dir)}`);
      if (made.code !== 0)
        throw new ImageError(
          `cannot create ${dir} on the NAS (${made.stderr.trim()}): check that ${remote.target.user} may write there.`,
          dir,
        );
    },
    exists: async (name) => (await remote.lstat(at(name))) !== undefined,
    readLink: (name) => remote.readlink(at(name)).catch(() => undefined),
    readText: async (name) => (await remote.readFile(at(name)))?.toString('utf8'),
    names: async () => (await remote.readdir(dir).catch(() => [])).map((e) => e.filename),
    fetch: (artifact, events, signal) => fetchOnNas(remote, dir, artifact, events, signal),
    rename: (from, to) => remote.rename(at(from), at(to)),
    async repoint(link, target) {
      const tmp = at(`.${link}.${rand()}.tmp`);
      await remote.symlink(target, tmp);
      await replaceAtomically(remote, tmp, at(link));
    },
    async writeAtomically(name, text) {
      const tmp = at(`.${name}.${rand()}.tmp`);
      await remote.writeFile(tmp, text);
      await replaceAtomically(remote, tmp, at(name));
    },
    remove: (name) => remote.unlink(at(name)).catch(() => undefined),
  };
}

type FetchEvents = Parameters<ImageStore['fetch']>[1];

/**
 * The NAS downloads into `<name>.tmp` in `dir` (resuming a partial file) and checks the sha256 itself; the
 * progress is the temp file's size, polled over SFTP. A cancel closes the connection.
 */
async function fetchOnNas(
  remote: Remote,
  dir: string,
  artifact: Artifact,
  events: FetchEvents,
  signal?: AbortSignal,
): Promise<void> {
  const tmp = `${dir}/${artifact.name}.tmp`;
  let seen = 0;
  const grown = (size: number | undefined): void => {
    if (size !== undefined && size > seen) {
      events.bytes(size - seen);
      seen = size;
    }
  };
  const poll = setInterval(() => {
    void remote.stat(tmp).then(
      (s) => grown(s?.size),
      () => undefined,
    );
  }, 500);
  const abort = (): void => remote.close();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const result = await remote.exec(`sh -c ${quote(fetchScript(dir, artifact))}`, 3_600_000);
    if (result.code !== 0) throw fetchFailure(artifact, result.code, result.stderr.trim());
    grown((await remote.stat(tmp))?.size);
  } catch (error) {
    if (error instanceof DeployError) throw new ImageError(`${artifact.name}: ${error.message}`, artifact.name);
    throw error;
  } finally {
    clearInterval(poll);
    signal?.removeEventListener('abort', abort);
  }
}

/** curl, else wget, resuming a partial file; whatever they say, the checksum decides (exit 10: fetch, 11: sum). */
function fetchScript(dir: string, artifact: Artifact): string {
  const tmp = `${artifact.name}.tmp`;
  const [file, url] = [quote(tmp), quote(artifact.location)];
  return [
    `cd ${quote(dir)} || exit 12`,
    `if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 2 -C - -o ${file} ${url}; else wget -q -c -O ${file} ${url}; fi`,
    'fetched=$?',
    `echo ${quote(`${artifact.sha256}  ${tmp}`)} | sha256sum -c --status && exit 0`,
    `[ "$fetched" -ne 0 ] && exit 10`,
    `rm -f ${quote(tmp)}; exit 11`,
  ].join('\n');
}

function fetchFailure(artifact: Artifact, code: number | null, stderr: string): ImageError {
  const name = artifact.name;
  if (code === 10)
    return new ImageError(
      `${name}: the NAS could not download ${artifact.location} (${stderr || 'curl/wget failed'}). ` +
        'Check that the NAS reaches the internet; run the update again to resume.',
      name,
    );
  if (code === 11)
    return new ImageError(
      `${name}: checksum mismatch on the NAS (the stream says sha256 ${artifact.sha256}). ` +
        'The download was discarded and the previous version is still in place; run the update again.',
      name,
    );
  return new ImageError(`${name}: the download on the NAS failed (exit ${code}: ${stderr}).`, name);
}

/** The NAS folder that mirrors the site's images folder (inside the target's remote root). */
export function remoteImagesDir(target: NasTarget): string {
  const images = target.site.images;
  if (!images)
    throw new ImageError('pxe-site.json has no "images" section: add "images": { "dir": "tftp/fedora-coreos" }.');
  const rel = relative(target.localRoot, images.dir);
  if (rel.startsWith('..') || rel === '')
    throw new ImageError(
      `images.dir (${images.dir}) is not inside tftp.root (${target.localRoot}), so it has no place on the NAS: ` +
        'move it inside the TFTP root.',
    );
  return posix.join(target.remoteRoot, ...rel.split(sep));
}

/** Runs the updater on the NAS. Signatures are checked only where the files are, so `gpgKey` is refused here. */
export async function updateImagesOnNas(
  target: NasTarget,
  options: UpdateOptions & { secrets: Secrets; trust?: (fingerprint: string) => Promise<boolean> },
): Promise<UpdateResult> {
  if (options.gpgKey)
    throw new ImageError(
      'the signature check runs where the files are downloaded: update locally (without --on) to use --gpg-key.',
    );
  const dir = remoteImagesDir(target);
  let remote: Remote;
  try {
    remote = await connect(target, {
      secrets: options.secrets,
      ...(options.trust ? { trust: options.trust } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    if (error instanceof DeployError) throw new ImageError(error.message);
    throw error;
  }
  try {
    return await updateImages(options, sshStore(remote, dir, target.name));
  } finally {
    remote.close();
  }
}
