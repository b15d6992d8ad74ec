/**
 * DHCP option values as RouterOS writes them (since v6.8): concatenations of `0x…` hex, `'text'`, `'1.2.3.4'`
 * (an IP address, 4 bytes), `'10'` (a decimal number), `s'…'` (always text) and `$(VARIABLE)`.
 */

export interface OptionPart {
  kind: 'hex' | 'text' | 'ip' | 'number' | 'variable';
  source: string;
  /** Bytes sent, when known before run time (variables are filled in by the router). */
  bytes?: Buffer;
}

export interface OptionValueResult {
  parts: OptionPart[];
  error?: string;
  /** A bare IP (RouterOS v5's form). */
  legacy?: boolean;
}

const IP = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function numberBytes(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

export function parseOptionValue(value: string): OptionValueResult {
  return read(value, true);
}

/** What is wrong with an option value, if anything (as `parseOptionValue`, without making its parts). */
export function optionValueError(value: string): string | undefined {
  return read(value, false).error;
}

/** A bare IP: RouterOS v5's form (`parseOptionValue(value).legacy`). */
export function isLegacyOptionValue(value: string): boolean {
  return IP.test(value);
}

// Sticky (`y`): each matches at `lastIndex`, where the previous part ended.
const HEX = /0x[0-9a-fA-F]*/y;
const QUOTED = /s?'[^']*'?/y;
const VARIABLE = /\$\([A-Z0-9_]+\)/y;
const DECIMAL = /^\d+$/;

/** Where a sticky pattern's match at `at` ends, or -1 (no match array: the lint asks this of every option value). */
function matchEnd(pattern: RegExp, value: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(value) ? pattern.lastIndex : -1;
}

/** Parses a value; `withParts: false` only checks it (the lint needs to know whether it parses, not its bytes). */
function read(value: string, withParts: boolean): OptionValueResult {
  if (isLegacyOptionValue(value)) {
    const bytes = withParts ? Buffer.from(value.split('.').map(Number)) : undefined;
    return { parts: [{ kind: 'ip', source: value, bytes }], legacy: true };
  }
  const parts: OptionPart[] = [];
  for (let i = 0; i < value.length;) {
    let end = matchEnd(HEX, value, i);
    if (end >= 0) {
      if (end === i + 2) return { parts, error: '`0x` has no hex digits after it' };
      if ((end - i) % 2)
        return { parts, error: `odd number of hex digits in \`${value.slice(i, end)}\`: every byte needs two` };
      if (withParts)
        parts.push({ kind: 'hex', source: value.slice(i, end), bytes: Buffer.from(value.slice(i + 2, end), 'hex') });
      i = end;
      continue;
    }
    end = matchEnd(QUOTED, value, i);
    if (end >= 0) {
      const opening = value[i] === 's' ? "s'" : "'";
      if (end === i + opening.length || value[end - 1] !== "'")
        return { parts, error: `the quote opened by \`${opening}\` is never closed` };
      if (withParts) parts.push(quotedPart(value.slice(i, end), value.slice(i + opening.length, end - 1), opening));
      i = end;
      continue;
    }
    end = matchEnd(VARIABLE, value, i);
    if (end >= 0) {
      if (withParts) parts.push({ kind: 'variable', source: value.slice(i, end) });
      i = end;
      continue;
    }
    const rest = value.slice(i, i + 12);
    return { parts, error: `unexpected \`${rest}\`: write text as '…', bytes as 0x…, a number as '10'` };
  }
  // Every turn above makes a part or returns: only an empty value has none.
  if (!value) return { parts, error: 'the value is empty' };
  return { parts };
}

/** A closed `'…'` or `s'…'` (its `source`, the `text` between the quotes): text, an IP address or a decimal number. */
function quotedPart(source: string, text: string, opening: string): OptionPart {
  if (opening === "s'") return { kind: 'text', source, bytes: Buffer.from(text, 'latin1') };
  if (IP.test(text)) return { kind: 'ip', source, bytes: Buffer.from(text.split('.').map(Number)) };
  if (DECIMAL.test(text)) return { kind: 'number', source, bytes: numberBytes(BigInt(text)) };
  return { kind: 'text', source, bytes: Buffer.from(text, 'latin1') };
}

/** `0x0a0a0a0a` for what is known; variables shown by name. */
export function describeBytes(result: OptionValueResult): string {
  return result.parts.map((p) => (p.bytes ? `0x${p.bytes.toString('hex')}` : p.source)).join(' + ');
}

/** The text an option sends, when it is plain text (`'…'` or `s'…'`) without variables. */
export function optionText(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const result = parseOptionValue(value);
  if (result.error || result.parts.some((p) => p.kind === 'variable' || !p.bytes)) return undefined;
  return Buffer.concat(result.parts.map((p) => p.bytes as Buffer)).toString('latin1');
}
