/**
 * The exact length of Go's `compress/gzip` output at BestCompression, as Butane writes it (one Write, then
 * Close), without writing it. Butane gzips embedded contents and keeps the gzipped form only when it is
 * shorter, so to take the same decision we need the length Go's encoder would produce, to the byte.
 *
 * What Go's level-9 deflater does (compress/flate; our lengths are checked against Go 1.19's):
 * - LZ77 with a 32 KiB window held in a 64 KiB buffer that slides by 32 KiB once the cursor nears its end;
 *   hash chains on 4-byte hashes (17 bits), up to 4096 candidates a position, lazy evaluation (a match is
 *   only emitted if the next position does not find a longer one), 4-byte matches only within 4096 bytes,
 *   no 3-byte matches at all.
 * - A block is cut every 16384 tokens and at the end; each block is written as stored, fixed or dynamic
 *   Huffman, whichever Go's own size estimate calls smallest; then an empty final stored block.
 * - Dynamic codes come from Go's length-limited (package-merge) construction, whose tie-breaking we must
 *   follow, since the code lengths decide the size of the block header.
 * We keep only symbol counts per block (never the tokens) and add up bits.
 */
import { constants, deflateRawSync } from 'node:zlib';

const WINDOW_SIZE = 1 << 15;
const WINDOW_MASK = WINDOW_SIZE - 1;
/** Go's buffer holds two windows; it slides by one when fewer than MIN_LOOKAHEAD bytes remain after the cursor. */
const BUFFER_SIZE = 2 * WINDOW_SIZE;
const MIN_MATCH = 4;
const MAX_MATCH = 258;
const MIN_LOOKAHEAD = MIN_MATCH + MAX_MATCH;
const SLIDE_AT = BUFFER_SIZE - MIN_LOOKAHEAD;
const MAX_BLOCK_TOKENS = 1 << 14;
const MAX_STORED = 65535;
const HASH_BITS = 17;
const HASH_MULTIPLIER = 0x1e35a7bd;
/** Level 9: candidates looked at per position, and the length that stops both the search and lazy matching. */
const CHAIN_TRIES = 4096;
const GOOD_ENOUGH = 258;
/** A match of exactly MIN_MATCH bytes is only taken from at most this far back. */
const SHORT_MATCH_REACH = 4096;

const END_OF_BLOCK = 256;
const LITERAL_SYMBOLS = 286;
const DISTANCE_SYMBOLS = 30;
const CODEGEN_SYMBOLS = 19;
/** RFC 1951 3.2.7: the order the code-length code's lengths are sent in (trailing zeros are not sent). */
const CODEGEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const GZIP_OVERHEAD = 10 + 8;

/**
 * Above this size goGzipLength estimates with zlib instead. Being exact there would cost about twice zlib's
 * time (as much as Go's own encoder takes), on every keystroke, for a decision the estimate gets right: on
 * inputs this large the two lengths differ by about 0.1% at most on compressible contents, which land far
 * below Butane's threshold, and by a few bytes on incompressible ones, which both encoders store in 16 KiB
 * blocks and land far above it (measured on 3 MiB of text, base64, random bytes and mixtures).
 */
export const GO_DEFLATE_EXACT_LIMIT = 4 << 20;

/** Extra bits of length codes 257..285 and distance codes 0..29. */
const LENGTH_EXTRA = Uint8Array.from([
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
]);
const DISTANCE_EXTRA = Uint8Array.from({ length: DISTANCE_SYMBOLS }, (_, code) => (code < 4 ? 0 : (code >> 1) - 1));

/** Literal/length symbol for each match length (index = length): built on the first compression. */
let lengthSymbols: Uint16Array | undefined;
/** Code lengths of the fixed Huffman literal/length code. */
const FIXED_LITERAL_BITS = Uint8Array.from({ length: LITERAL_SYMBOLS }, (_, s) =>
  s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8,
);

/** Maps each match length 3..258 to its symbol; 258 has its own code (285), not 284 with all extra bits set. */
function buildLengthSymbols(): Uint16Array {
  const table = new Uint16Array(MAX_MATCH + 1);
  let length = 3;
  for (let code = 0; code < 28; code++) {
    for (let k = 0; k < 1 << LENGTH_EXTRA[code]! && length < MAX_MATCH; k++) table[length++] = 257 + code;
  }
  table[MAX_MATCH] = 285;
  return table;
}

/**
 * The distance code of a distance 1..32768 (RFC 1951 3.2.5): codes 0–3 are the distances 1–4, then each
 * power of two is split between two codes. Computed, not looked up: a 32 KiB table built at every start
 * was a loop V8 compiled with TurboFan there.
 */
function distanceCode(distance: number): number {
  if (distance <= 4) return distance - 1;
  const d = distance - 1;
  const bits = 31 - Math.clz32(d);
  return 2 * bits + ((d >> (bits - 1)) & 1);
}

// ---------------------------------------------------------------------------------------------------------
// Huffman code lengths, as Go's huffmanEncoder.generate assigns them.

const NONE = 0x7fffffff;
const LEVELS = 17;
/** Scratch for codeLengths: symbols sorted by (frequency, symbol), and their frequencies with a NONE after. */
const sortKeys = new Int32Array(LITERAL_SYMBOLS);
const sortedFreq = new Int32Array(LITERAL_SYMBOLS + 1);
const sortedSymbol = new Uint16Array(LITERAL_SYMBOLS);
/** Scratch for lengthCounts: per tree level, the chain being built (see there). */
const lastFreq = new Int32Array(LEVELS + 1);
const nextLeafFreq = new Int32Array(LEVELS + 1);
const nextPairFreq = new Int32Array(LEVELS + 1);
const stillNeeded = new Int32Array(LEVELS + 1);
/** Per level: leaves taken so far, and the snapshot (a node) of the levels below taken at its last pair. */
const leavesTaken = new Int32Array(LEVELS + 1);
const belowSnapshot = new Int32Array(LEVELS + 1);
/** Snapshot nodes: a level's leaves-taken count, and the node for the levels below it (node 0: all zero). */
const MAX_SNAPSHOTS = 2 * LITERAL_SYMBOLS * LEVELS;
const snapshotLeaves = new Int32Array(MAX_SNAPSHOTS);
const snapshotBelow = new Int32Array(MAX_SNAPSHOTS);
const symbolsWithBits = new Int32Array(LEVELS);

/**
 * Fills `lengths` with the code length Go gives each symbol of `freq` (0 for unused ones). One or two used
 * symbols get one bit each; otherwise the symbols, sorted by frequency then symbol value, get their lengths
 * from lengthCounts, the most frequent (and, among equals, the highest symbol) the shortest.
 */
function codeLengths(freq: Int32Array, maxBits: number, lengths: Uint8Array): void {
  let used = 0;
  for (let s = 0; s < freq.length; s++) {
    lengths[s] = 0;
    if (freq[s] !== 0) sortKeys[used++] = freq[s]! * 512 + s;
  }
  if (used <= 2) {
    for (let k = 0; k < used; k++) lengths[sortKeys[k]! & 511] = 1;
    return;
  }
  const sorted = sortKeys.subarray(0, used).sort();
  for (let k = 0; k < used; k++) {
    sortedFreq[k] = sorted[k]! >> 9;
    sortedSymbol[k] = sorted[k]! & 511;
  }
  sortedFreq[used] = NONE;
  const deepest = lengthCounts(used, maxBits);
  let k = used;
  for (let bits = 1; bits <= deepest; bits++) {
    for (let count = symbolsWithBits[bits]!; count > 0; count--) lengths[sortedSymbol[--k]!] = bits;
  }
}

/** Sets up lengthCounts' per-level state: each level starts out holding the two rarest leaves. */
function initLevels(levels: number): void {
  for (let level = 1; level <= levels; level++) {
    lastFreq[level] = sortedFreq[1]!;
    nextLeafFreq[level] = sortedFreq[2]!;
    nextPairFreq[level] = level === 1 ? NONE : sortedFreq[0]! + sortedFreq[1]!;
    stillNeeded[level] = 0;
    leavesTaken[level] = 2;
    belowSnapshot[level] = 0;
  }
  stillNeeded[0] = 0;
  leavesTaken[0] = 0;
  belowSnapshot[0] = 0;
}

/**
 * How many of the `n` sorted symbols get each code length (into symbolsWithBits[1..]), by Go's lazy boundary
 * package-merge (huffman_code.go bitCounts): each level, from the deepest allowed one up, is a chain of
 * nodes, each either the next leaf or a pair of the two nodes the level below produced last, taking the
 * cheaper of the two (the pair when they cost the same); a level asks the one below for two more nodes
 * whenever it takes a pair. Go copies, at each pair, the leaf counts of all levels below; we keep the same
 * information as a linked snapshot (one node a pair). Returns the deepest level used (maxBits, or n - 1).
 */
function lengthCounts(n: number, maxBits: number): number {
  const top = Math.min(maxBits, n - 1);
  initLevels(top);
  stillNeeded[top] = 2 * n - 4;
  let snapshots = 1;
  let level = top;
  for (;;) {
    if (nextPairFreq[level] === NONE && nextLeafFreq[level] === NONE) {
      stillNeeded[level] = 0;
      nextPairFreq[++level] = NONE;
      continue;
    }
    const previous = lastFreq[level]!;
    if (nextLeafFreq[level]! < nextPairFreq[level]!) {
      lastFreq[level] = nextLeafFreq[level]!;
      nextLeafFreq[level] = sortedFreq[++leavesTaken[level]!]!;
    } else {
      lastFreq[level] = nextPairFreq[level]!;
      snapshotLeaves[snapshots] = leavesTaken[level - 1]!;
      snapshotBelow[snapshots] = belowSnapshot[level - 1]!;
      belowSnapshot[level] = snapshots++;
      stillNeeded[level - 1] = 2;
    }
    if (--stillNeeded[level]! === 0) {
      if (level === top) break;
      nextPairFreq[level + 1] = previous + lastFreq[level]!;
      level++;
    } else {
      while (stillNeeded[level - 1]! > 0) level--;
    }
  }
  let above = leavesTaken[top]!;
  for (let bits = 1, node = belowSnapshot[top]!; bits <= top; bits++, node = snapshotBelow[node]!) {
    const here = bits === top ? 0 : snapshotLeaves[node]!;
    symbolsWithBits[bits] = above - here;
    above = here;
  }
  return top;
}

// ---------------------------------------------------------------------------------------------------------
// Block sizes, as Go's huffmanBitWriter.writeBlock chooses and writes them.

/** Symbol counts of the block being built (its tokens are never kept). */
class BlockCounts {
  readonly literals = new Int32Array(LITERAL_SYMBOLS);
  readonly distances = new Int32Array(DISTANCE_SYMBOLS);
  tokens = 0;

  /** Starts a new block. */
  clear(): void {
    this.literals.fill(0);
    this.distances.fill(0);
    this.tokens = 0;
  }
}

const literalBits = new Uint8Array(LITERAL_SYMBOLS);
const distanceBits = new Uint8Array(DISTANCE_SYMBOLS);
const codegenFreq = new Int32Array(CODEGEN_SYMBOLS);
const codegenBits = new Uint8Array(CODEGEN_SYMBOLS);
const allLengths = new Uint8Array(LITERAL_SYMBOLS + DISTANCE_SYMBOLS);

/** Sum of count × bits over a table. */
function weighted(counts: Int32Array, bits: Uint8Array): number {
  let total = 0;
  for (let s = 0; s < counts.length; s++) total += counts[s]! * bits[s]!;
  return total;
}

/** One past the last non-zero count (0 if all are zero). */
function usedLength(counts: Int32Array): number {
  let n = counts.length;
  while (n > 0 && counts[n - 1] === 0) n--;
  return n;
}

/** Extra bits the block's lengths and distances carry after their codes. */
function extraBits(block: BlockCounts): number {
  let total = 0;
  for (let code = 8; code < 29; code++) total += block.literals[257 + code]! * LENGTH_EXTRA[code]!;
  for (let code = 4; code < DISTANCE_SYMBOLS; code++) total += block.distances[code]! * DISTANCE_EXTRA[code]!;
  return total;
}

/** Counts one run of `run` equal code lengths `value` the way Go's generateCodegen encodes it (RFC 1951 3.2.7). */
function countRun(value: number, run: number): void {
  if (value !== 0) {
    codegenFreq[value]!++;
    run--;
    for (; run >= 3; run -= Math.min(6, run)) codegenFreq[16]!++;
  } else {
    for (; run >= 11; run -= Math.min(138, run)) codegenFreq[18]!++;
    if (run >= 3) {
      codegenFreq[17]!++;
      run = 0;
    }
  }
  codegenFreq[value]! += run;
}

/** The bits of a dynamic block's header: counts, the code-length code, and the run-length coded code lengths. */
function dynamicHeaderBits(literalCount: number, distanceCount: number): number {
  allLengths.set(literalBits.subarray(0, literalCount));
  allLengths.set(distanceBits.subarray(0, distanceCount), literalCount);
  const total = literalCount + distanceCount;
  codegenFreq.fill(0);
  for (let i = 0; i < total;) {
    let end = i + 1;
    while (end < total && allLengths[end] === allLengths[i]) end++;
    countRun(allLengths[i]!, end - i);
    i = end;
  }
  codeLengths(codegenFreq, 7, codegenBits);
  let sent = CODEGEN_SYMBOLS;
  while (sent > 4 && codegenFreq[CODEGEN_ORDER[sent - 1]!] === 0) sent--;
  const runExtras = codegenFreq[16]! * 2 + codegenFreq[17]! * 3 + codegenFreq[18]! * 7;
  return 3 + 5 + 5 + 4 + 3 * sent + weighted(codegenFreq, codegenBits) + runExtras;
}

/** Bit position after a stored block of `length` bytes (3 header bits, padding to a byte, LEN and NLEN). */
function afterStored(bitPos: number, length: number): number {
  return Math.ceil((bitPos + 3) / 8) * 8 + 32 + 8 * length;
}

/**
 * Writes (in size only) the non-final block `block` at `bitPos` and returns the bit position after it.
 * `stored` is the length of the input the block covers, or -1 when Go no longer has it (the window slid
 * past its start), which rules the stored form out. Go compares its own estimates: they leave out the extra
 * bits when the block cannot be stored, and count a fake distance when the block has no match (the one it
 * adds so the distance code can be described); the bits actually written follow the chosen form.
 */
function blockEnd(block: BlockCounts, stored: number, bitPos: number): number {
  const { literals, distances } = block;
  literals[END_OF_BLOCK]!++;
  const literalCount = usedLength(literals);
  let distanceCount = usedLength(distances);
  const noMatch = distanceCount === 0;
  if (noMatch) {
    distances[0] = 1;
    distanceCount = 1;
  }
  codeLengths(literals, 15, literalBits);
  codeLengths(distances, 15, distanceBits);
  const storable = stored >= 0 && stored <= MAX_STORED;
  const extra = extraBits(block);
  const counted = storable ? extra : 0;
  let distanceTokens = 0;
  for (let code = 0; code < DISTANCE_SYMBOLS; code++) distanceTokens += distances[code]!;
  const fixed = 3 + weighted(literals, FIXED_LITERAL_BITS) + 5 * distanceTokens + counted;
  const dynamic =
    dynamicHeaderBits(literalCount, distanceCount) +
    weighted(literals, literalBits) +
    weighted(distances, distanceBits) +
    counted;
  const best = Math.min(fixed, dynamic);
  if (storable && (stored + 5) * 8 < best) return afterStored(bitPos, stored);
  const fake = noMatch ? (dynamic < fixed ? distanceBits[0]! : 5) : 0;
  return bitPos + best - counted + extra - fake;
}

// ---------------------------------------------------------------------------------------------------------
// LZ77, as Go's compressor.deflate runs it at level 9 over one Write of the whole input, then Close.

/**
 * Hash chains shared by all calls (JavaScript runs one at a time). Entries hold a position plus the `stamp`
 * of the call that wrote them; a new call takes a stamp above every value stored so far, so older entries
 * read as positions before the input and end the chain, as empty ones do, without clearing the tables.
 */
const hashHead = new Int32Array(1 << HASH_BITS);
const hashPrev = new Int32Array(WINDOW_SIZE);
let nextStamp = 1;

/** Go's compressor state, in absolute input positions (Go's window positions plus `base`). */
class GoMatcher {
  private readonly block = new BlockCounts();
  private readonly lengthSymbols = (lengthSymbols ??= buildLengthSymbols());
  private readonly stamp: number;
  /** Input position of the start of Go's buffer; it moves by a window each time the buffer slides. */
  private base = 0;
  private windowEnd = 0;
  private index = 0;
  /** Where the current block's input starts, or -1 once that start has slid out of the buffer. */
  private blockStart = 0;
  private maxInsert = 0;
  private chainHead = -1;
  /** The match found at the previous position (lazy evaluation), and whether that byte is still unwritten. */
  private length = MIN_MATCH - 1;
  private offset = 0;
  private pending = false;
  private bitPos = 0;

  /** Reserves a stamp for `data`'s positions (clearing the tables once the stamps run out). */
  constructor(private readonly data: Uint8Array) {
    if (nextStamp + data.length + 1 > 0x7fffffff) {
      hashHead.fill(0);
      hashPrev.fill(0);
      nextStamp = 1;
    }
    this.stamp = nextStamp;
    nextStamp += data.length + 1;
  }

  /** The deflate stream's length in bytes: the data blocks, then the empty final stored block. */
  deflatedLength(): number {
    const n = this.data.length;
    this.windowEnd = Math.min(n, BUFFER_SIZE);
    while (this.windowEnd < n) {
      this.run(false);
      if (this.index - this.base >= SLIDE_AT) this.slide();
      this.windowEnd = Math.min(n, this.base + BUFFER_SIZE);
    }
    this.run(true);
    return afterStored(this.bitPos, 0) / 8;
  }

  /** Go's fillDeflate sliding the buffer by a window; a block that started before its new start cannot be stored. */
  private slide(): void {
    this.base += WINDOW_SIZE;
    if (this.blockStart < this.base) this.blockStart = -1;
  }

  /** Go's deflate step: consumes input while a full match of lookahead remains, or (at Close) to the end. */
  private run(atEnd: boolean): void {
    if (!atEnd && this.windowEnd - this.index < MIN_LOOKAHEAD) return;
    this.maxInsert = this.windowEnd - (MIN_MATCH - 1);
    for (;;) {
      const lookahead = this.windowEnd - this.index;
      if (lookahead < MIN_LOOKAHEAD) {
        if (!atEnd) return;
        if (lookahead === 0) {
          if (this.pending) this.addLiteral(this.data[this.index - 1]!);
          this.pending = false;
          if (this.block.tokens > 0) this.endBlock(this.index);
          return;
        }
      }
      this.advance(lookahead);
    }
  }

  /** One position of lazy matching: emit the previous match unless this position has a longer one. */
  private advance(lookahead: number): void {
    const index = this.index;
    if (index < this.maxInsert) this.chainHead = this.insert(index);
    const prevLength = this.length;
    const prevOffset = this.offset;
    this.length = MIN_MATCH - 1;
    this.offset = 0;
    const minIndex = Math.max(index - WINDOW_SIZE, this.base);
    if (this.chainHead >= minIndex && lookahead > prevLength && prevLength < GOOD_ENOUGH) {
      this.findMatch(index, this.chainHead, lookahead);
    }
    if (prevLength >= MIN_MATCH && this.length <= prevLength) {
      this.addMatch(prevLength, prevOffset);
      const end = index + prevLength - 1;
      const insertEnd = Math.min(end, this.maxInsert);
      for (let p = index + 1; p < insertEnd; p++) this.insert(p);
      this.index = end;
      this.pending = false;
      this.length = MIN_MATCH - 1;
      if (this.block.tokens === MAX_BLOCK_TOKENS) this.endBlock(end);
    } else {
      if (this.pending) {
        this.addLiteral(this.data[index - 1]!);
        if (this.block.tokens === MAX_BLOCK_TOKENS) this.endBlock(index);
      }
      this.index = index + 1;
      this.pending = true;
    }
  }

  /** Adds position `pos` to its hash chain and returns the position that headed the chain before it. */
  private insert(pos: number): number {
    const d = this.data;
    const word = (d[pos]! << 24) | (d[pos + 1]! << 16) | (d[pos + 2]! << 8) | d[pos + 3]!;
    const slot = Math.imul(word, HASH_MULTIPLIER) >>> (32 - HASH_BITS);
    const previous = hashHead[slot]!;
    hashPrev[pos & WINDOW_MASK] = previous;
    hashHead[slot] = pos + this.stamp;
    return previous - this.stamp;
  }

  /**
   * Go's findMatch: walks the chain from `candidate` for a match longer than 3 bytes (4-byte ones only
   * within SHORT_MATCH_REACH), keeping the first of the longest; stops at a match reaching the end of the
   * lookahead (or GOOD_ENOUGH), after CHAIN_TRIES candidates, or at the window's edge.
   */
  private findMatch(pos: number, candidate: number, lookahead: number): void {
    const d = this.data;
    const stamp = this.stamp;
    const limit = Math.min(MAX_MATCH, lookahead);
    const minIndex = pos - WINDOW_SIZE;
    const floor = Math.max(minIndex, this.base);
    const first = d[pos];
    let best = MIN_MATCH - 1;
    let bestAt = -1;
    let tail = d[pos + best];
    for (let i = candidate, tries = CHAIN_TRIES; tries > 0; tries--) {
      if (d[i + best] === tail && d[i] === first) {
        let n = 1;
        while (n < limit && d[i + n] === d[pos + n]) n++;
        if (n > best && (n > MIN_MATCH || pos - i <= SHORT_MATCH_REACH)) {
          best = n;
          bestAt = i;
          if (n >= limit) break;
          tail = d[pos + n];
        }
      }
      if (i === minIndex) break;
      i = hashPrev[i & WINDOW_MASK]! - stamp;
      if (i < floor) break;
    }
    if (bestAt >= 0) {
      this.length = best;
      this.offset = pos - bestAt;
    }
  }

  /** Counts a literal token. */
  private addLiteral(byte: number): void {
    this.block.literals[byte]!++;
    this.block.tokens++;
  }

  /** Counts a match token. */
  private addMatch(length: number, offset: number): void {
    this.block.literals[this.lengthSymbols[length]!]!++;
    this.block.distances[distanceCode(offset)]!++;
    this.block.tokens++;
  }

  /** Go's writeBlock: ends the block at input position `index`. */
  private endBlock(index: number): void {
    const start = this.blockStart;
    const stored = start >= 0 && start <= index ? index - start : -1;
    this.blockStart = index;
    this.bitPos = blockEnd(this.block, stored, this.bitPos);
    this.block.clear();
  }
}

/**
 * The length of Go's `gzip.NewWriterLevel(w, gzip.BestCompression)` output for `bytes` written at once:
 * 10 header bytes, the deflate stream, 8 trailer bytes. Exact up to GO_DEFLATE_EXACT_LIMIT; above it, an
 * estimate: zlib's level-9 deflate ended the way Go ends its stream (a sync flush).
 */
export function goGzipLength(bytes: Uint8Array): number {
  if (bytes.length > GO_DEFLATE_EXACT_LIMIT) {
    return GZIP_OVERHEAD + deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }).length;
  }
  return GZIP_OVERHEAD + new GoMatcher(bytes).deflatedLength();
}
