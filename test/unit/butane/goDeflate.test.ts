import { constants, deflateRawSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeDataUrl } from '../../../lib/languages/butane/translate/dataUrl';
import { GO_DEFLATE_EXACT_LIMIT, goGzipLength } from '../../../lib/languages/butane/translate/goDeflate';

/*
 * Lengths of Go's gzip.NewWriterLevel(w, gzip.BestCompression) output (Go 1.19, one Write then Close), taken
 * from real Go for the inputs built below. The inputs are chosen to reach every part of Go's encoder: stored,
 * fixed and dynamic blocks (and the fake distance Go counts for blocks without matches), the 16384-token
 * block split, the buffer sliding by 32 KiB (and a block whose start slides out, so it cannot be stored),
 * matches at the window's and the 4-byte matches' reach, lazy matching, and the 15- and 7-bit limits of
 * Go's Huffman code construction.
 */

/** A small seeded generator (xorshift32), so the inputs are the same on every run. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const repeat = (s: string, n: number): Uint8Array => text(s.repeat(n));

/** `n` random bytes of `bits` bits. */
function noise(seed: number, n: number, bits = 8): Uint8Array {
  const next = random(seed);
  return Uint8Array.from({ length: n }, () => (next() * (1 << bits)) | 0);
}

/** `n` random bytes among the `k` letters from 'a'. */
function letters(seed: number, n: number, k: number): Uint8Array {
  const next = random(seed);
  return Uint8Array.from({ length: n }, () => 97 + ((next() * k) | 0));
}

const VOCABULARY = (
  'the of and to in is for on that with ExecStart Restart network online target multi user WantedBy ' +
  'Type oneshot podman run pull image etc usr bin var lib log root core ssh key storage files mode contents'
).split(' ');

/** About `n` bytes of words from the first `size` of VOCABULARY (many short matches). */
function words(seed: number, n: number, size = VOCABULARY.length): Uint8Array {
  const next = random(seed);
  let s = '';
  while (s.length < n) s += VOCABULARY[(next() * size) | 0]! + (next() < 0.15 ? '\n' : ' ');
  return text(s.slice(0, n));
}

/** Runs of one byte value each, of random lengths (long matches at distance 1). */
function runs(seed: number, n: number): Uint8Array {
  const next = random(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n;) {
    const length = 1 + ((next() * (next() < 0.5 ? 10 : 2000)) | 0);
    out.fill(next() < 0.5 ? 0 : (next() * 256) | 0, i, i + length);
    i += length;
  }
  return out;
}

/** `symbols` byte values with Fibonacci frequencies, shuffled: a skewed histogram for deep Huffman trees. */
function fibonacci(seed: number, symbols: number): Uint8Array {
  const counts = [1, 1];
  while (counts.length < symbols) counts.push(counts[counts.length - 1]! + counts[counts.length - 2]!);
  const out = new Uint8Array(counts.reduce((a, c) => a + c, 0));
  let at = 0;
  counts.forEach((c, s) => out.fill(s * 7 + 3, at, (at += c)));
  const next = random(seed);
  for (let k = out.length - 1; k > 0; k--) {
    const j = (next() * (k + 1)) | 0;
    [out[k], out[j]] = [out[j]!, out[k]!];
  }
  return out;
}

/**
 * `fillers` byte values `count` times each, and `chain` more with Fibonacci frequencies (1, 1, 2, 3, ...), shuffled:
 * few matches, and a literal code Go must limit to 15 bits.
 */
function skewed(seed: number, fillers: number, count: number, chain: number): Uint8Array {
  const frequencies = [1, 1];
  while (frequencies.length < chain)
    frequencies.push(frequencies[frequencies.length - 1]! + frequencies[frequencies.length - 2]!);
  const bytes: number[] = [];
  for (let f = 0; f < fillers; f++) bytes.push(...new Array<number>(count).fill(f));
  frequencies.forEach((c, k) => bytes.push(...new Array<number>(c).fill(255 - k)));
  const next = random(seed);
  for (let k = bytes.length - 1; k > 0; k--) {
    const j = (next() * (k + 1)) | 0;
    [bytes[k], bytes[j]] = [bytes[j]!, bytes[k]!];
  }
  return Uint8Array.from(bytes);
}

/** Random bytes with a `length`-byte piece copied from `distance` bytes back at `at`. */
function copyAt(seed: number, n: number, at: number, distance: number, length: number): Uint8Array {
  const out = noise(seed, n, 7);
  out.copyWithin(at, at - distance, at - distance + length);
  return out;
}

/**
 * "ABCD" then `units` times "ABCD" and two random bytes below 64, then "ABCD" again: the oldest "ABCD",
 * followed as the last one is, is the only long match, the (units + 1)th candidate on the hash chain.
 */
function candidates(seed: number, units: number): Uint8Array {
  const next = random(seed);
  const bytes = [...text('ABCDPQRSTUVWXY')];
  for (let k = 0; k < units; k++) bytes.push(65, 66, 67, 68, (next() * 64) | 0, (next() * 64) | 0);
  bytes.push(255, 254, ...text('ABCDPQRSTUVWXY'));
  return Uint8Array.from(bytes);
}

/**
 * Noise t, then Z, the first 256 bytes of t and #, then Z and t again: the last Z starts a 257-byte match,
 * which Go still tries to better (258 is its limit), and the byte after it starts a 258-byte one.
 */
function lazyPair(seed: number): Uint8Array {
  const t = noise(seed, 400, 7);
  const z = text('Z');
  return join(text('Q'), t, z, t.subarray(0, 256), text('#'), noise(seed + 1, 10, 7), z, t);
}

/** The parts, one after the other. */
function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

const UNIT = `[Unit]
Description=Run a container
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStartPre=-/usr/bin/podman kill hello
ExecStartPre=-/usr/bin/podman rm hello
ExecStartPre=/usr/bin/podman pull quay.io/example/hello:latest
ExecStart=/usr/bin/podman run --name hello -p 8080:8080 quay.io/example/hello:latest
Restart=always

[Install]
WantedBy=multi-user.target
`;
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGv8mqW1yL0hYw2hQ0m1v7QkQ9yqf3m0nZcW5m2e0r7P core@example.com\n';
const YAML = `variant: fcos
version: 1.5.0
storage:
  files:
    - path: /etc/hostname
      mode: 0644
      contents:
        inline: node1
    - path: /etc/motd
      mode: 0644
      contents:
        inline: Welcome
`;
const SCRIPT = `#!/bin/bash
set -euo pipefail
for unit in sshd chronyd podman; do
  systemctl enable --now "$unit"
done
if [ -f /etc/motd ]; then
  echo "motd present" >> /var/log/setup.log
fi
`;

type Vector = [name: string, build: () => Uint8Array, goLength: number];

const VECTORS: Vector[] = [
  // Tiny inputs: literals only, fixed or stored blocks.
  ['empty', () => new Uint8Array(0), 23],
  ['one byte', () => text('a'), 25],
  ['two bytes', () => text('ab'), 26],
  ['three bytes', () => text('abc'), 27],
  ['four equal bytes (no room for a match)', () => text('aaaa'), 28],
  ['eight equal bytes', () => text('aaaaaaaa'), 27],
  ['x=1 nine times, no final newline', () => repeat('x=1\n', 9).subarray(0, 35), 30],
  ['x=1 nine times', () => repeat('x=1\n', 9), 30],
  ['a sentence', () => text('The quick brown fox jumps over the lazy dog.\n'), 69],
  ['16 random bytes', () => noise(1, 16), 41],
  ['300 random 5-bit bytes (dynamic, no match)', () => noise(34, 300, 5), 229],
  ['25 bytes of 9-bit codes (fixed ties stored)', () => Uint8Array.from({ length: 25 }, (_, i) => 144 + i), 52],
  ['26 bytes of 9-bit codes (stored)', () => Uint8Array.from({ length: 26 }, (_, i) => 144 + i), 54],
  ['68 random bytes (fixed ties stored)', () => noise(1, 68), 95],
  // Fixed and dynamic cost the same, no match: Go keeps fixed (and its 5-bit fake distance, not dynamic's 1 bit).
  ['33 letters from 20 (fixed ties dynamic)', () => letters(2, 33, 20), 57],
  ['48 random 5-bit bytes (fixed ties dynamic)', () => noise(2, 48, 5), 72],
  ['96 random 6-bit bytes (fixed ties dynamic)', () => noise(2, 96, 6), 120],
  ['97 random 6-bit bytes (fixed ties dynamic)', () => noise(2, 97, 6), 121],
  ['100 random bytes (stored)', () => noise(2, 100), 128],
  ['1 KiB random (stored)', () => noise(3, 1024), 1052],
  // Config-like text: dynamic blocks.
  ['systemd unit', () => text(UNIT), 233],
  ['ssh key', () => text(SSH_KEY), 120],
  ['butane yaml', () => text(YAML), 137],
  ['shell script', () => text(SCRIPT), 161],
  ['unit, key, yaml, script', () => text(UNIT + SSH_KEY + YAML + SCRIPT), 514],
  ['words, 5 KB', () => words(4, 5000), 1558],
  ['words from 3, 3 KB', () => words(5, 3000, 3), 480],
  // Runs and repetition: long matches, lazy matching stopped by 258-byte matches.
  ['a x 1000', () => repeat('a', 1000), 32],
  ['a x 775 (three 258-byte matches)', () => repeat('a', 775), 30],
  ['ab x 5000', () => repeat('ab', 5000), 50],
  ['runs, 50 KB', () => runs(6, 50000), 299],
  ['letters from 2, 2 KB', () => letters(7, 2000, 2), 405],
  ['letters from 4, 20 KB', () => letters(8, 20000, 4), 6243],
  // Deep Huffman trees: the 15-bit limit.
  ['fibonacci 18', () => fibonacci(9, 18), 2689],
  ['fibonacci 21', () => fibonacci(10, 21), 11125],
  ['fibonacci 23', () => fibonacci(11, 23), 28540],
  ['200 fillers and a 16-long chain', () => skewed(1, 200, 60, 16), 13591],
  ['230 fillers and a 14-long chain', () => skewed(1, 230, 60, 14), 14578],
  ['120 fillers and a 15-long chain', () => skewed(1, 120, 120, 15), 13952],
  // Skewed code-length counts: the 7-bit limit of the code-length code.
  ['201 fillers and a 16-long chain', () => skewed(542, 201, 79, 16), 17522],
  ['209 fillers and a 15-long chain', () => skewed(784, 209, 86, 15), 19009],
  // Chain and lazy matching limits.
  ['best match the 4096th candidate', () => candidates(40, 4095), 9163],
  ['best match the 4097th candidate (not looked at)', () => candidates(40, 4096), 9169],
  ['a 257-byte match bettered a byte later, twice', () => join(lazyPair(50), lazyPair(51)), 801],
  // Match reach (in 7-bit noise, where a match shows): 4-byte matches within 4096 only, nothing beyond 32768.
  ['4-byte copy from 4096 back', () => copyAt(12, 6000, 5000, 4096, 4), 5298],
  ['4-byte copy from 4097 back', () => copyAt(12, 6000, 5000, 4097, 4), 5296],
  ['5-byte copy from 4097 back', () => copyAt(12, 6000, 5000, 4097, 5), 5298],
  ['8-byte copy from 32768 back', () => copyAt(13, 40000, 39000, 32768, 8), 35118],
  ['8-byte copy from 32769 back', () => copyAt(13, 40000, 39000, 32769, 8), 35119],
  ['copy from 32700 back, from before the slid buffer', () => copyAt(41, 70000, 65400, 32700, 20), 61438],
  // Block splits at 16384 tokens.
  ['16384 random bytes', () => noise(14, 16384), 16412],
  ['16385 random bytes', () => noise(14, 16385), 16414],
  ['40000 random bytes', () => noise(15, 40000), 40038],
  // Sizes around the buffer (64 KiB) and its slide point (64 KiB - 262).
  ['random 65274', () => noise(16, 65274), 65317],
  ['random 65536', () => noise(17, 65536), 65579],
  ['random 65537', () => noise(18, 65537), 65581],
  ['words 32768', () => words(19, 32768), 8393],
  ['words 65535', () => words(20, 65535), 15829],
  ['words 65537', () => words(21, 65537), 15877],
  ['words 98304', () => words(22, 98304), 23281],
  ['letters from 3, 65536 + 300', () => letters(23, 65836, 3), 15958],
  // A block whose start slides out of the buffer: Go cannot store it.
  ['70 KB runs then 17 KB random', () => join(runs(24, 70000), noise(25, 17000)), 17680],
  ['zeros 40000, random 30000', () => join(new Uint8Array(40000), noise(26, 30000)), 30246],
  ['runs, random, text', () => join(runs(27, 33000), noise(28, 16500), words(29, 2000)), 17715],
  ['200 KB of words and noise', () => join(words(30, 100000), noise(31, 50000), words(32, 50000)), 89174],
];

describe("goGzipLength: the length of Go's BestCompression gzip", () => {
  for (const [name, build, goLength] of VECTORS) {
    it(name, () => expect(goGzipLength(build())).toBe(goLength));
  }

  it('above the exact limit, estimates with zlib ended as Go ends its stream', () => {
    const big = words(33, GO_DEFLATE_EXACT_LIMIT + 1);
    const zlib = 18 + deflateRawSync(big, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }).length;
    expect(goGzipLength(big)).toBe(zlib);
  });
});

describe('makeDataUrl decides on the length of Go’s gzip', () => {
  it('compresses "x=1" nine times without the final newline (Go: 30 bytes, zlib: 31)', () => {
    const contents = repeat('x=1\n', 9).subarray(0, 35);
    const { source, compression } = makeDataUrl(contents);
    expect(compression).toBe('gzip');
    expect(gunzipSync(Buffer.from(source.slice(source.indexOf(',') + 1), 'base64'))).toEqual(Buffer.from(contents));
  });

  it('leaves a short text uncompressed', () => {
    expect(makeDataUrl(text('hello world, hello world\n'))).toEqual({
      source: 'data:,hello%20world%2C%20hello%20world%0A',
      compression: '',
    });
  });
});
