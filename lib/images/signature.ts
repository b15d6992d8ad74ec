/** Optional OpenPGP check of an artifact's detached signature against a key the user provides. */
import { bodyCapped, fenced } from '../core/net';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ImageError } from './stream';

export async function verifySignature(
  file: string,
  signatureUrl: string,
  armoredKey: string,
  label: string,
  signal?: AbortSignal,
): Promise<void> {
  // Loaded only when a key is given: most updates never check signatures, and openpgp is large.
  const { createMessage, readKey, readSignature, verify } = await import('openpgp');
  let key;
  try {
    key = await readKey({ armoredKey });
  } catch (error) {
    throw new ImageError(
      `the OpenPGP key you gave cannot be read (${(error as Error).message}): ` +
        'pass the armored public key file (fedora.gpg from getfedora.org/security).',
    );
  }
  const refused = fenced(new URL(signatureUrl).hostname);
  if (refused) throw new ImageError(`${label}: cannot fetch its signature: ${refused}`, label);
  const response = await fetch(signatureUrl, signal ? { signal } : {}).catch((error: Error & { cause?: Error }) => {
    throw new ImageError(
      `${label}: cannot fetch its signature ${signatureUrl} (${error.cause?.message ?? error.message}).`,
      label,
    );
  });
  if (!response.ok)
    throw new ImageError(`${label}: its signature ${signatureUrl} answered HTTP ${response.status}.`, label);
  // A detached signature is a few hundred bytes; a reply of more is not one.
  const bytes = new Uint8Array(
    await bodyCapped(response, 64 * 1024).catch((error: Error) => {
      throw new ImageError(`${label}: its signature ${signatureUrl} is not usable (${error.message}).`, label);
    }),
  );
  let signature;
  try {
    signature = await readSignature({ binarySignature: bytes }).catch(() =>
      readSignature({ armoredSignature: Buffer.from(bytes).toString('utf8') }),
    );
  } catch {
    throw new ImageError(`${label}: ${signatureUrl} is not an OpenPGP signature.`, label);
  }
  // Streamed: a 800 MB rootfs is never held in memory.
  const message = await createMessage({
    binary: Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>,
  });
  const result = await verify({ message, signature, verificationKeys: key, format: 'binary' });
  try {
    const reader = (result.data as unknown as ReadableStream<Uint8Array>).getReader();
    while (!(await reader.read()).done);
    await result.signatures[0]?.verified;
    if (!result.signatures.length) throw new Error('no signature');
  } catch {
    throw new ImageError(
      `${label}: its signature does not verify with the key you gave. ` +
        `The download was kept as ${label}.tmp but not used; the previous version is still in place.`,
      label,
    );
  }
}
