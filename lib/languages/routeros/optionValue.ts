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

/** What is wrong with an option value, if anything (as `parseOptionValue`, without making the bytes). */
export function optionValueError(value: string): string | undefined {
  return read(value, false).error;
}

/** A bare IP: RouterOS v5's form (`parseOptionValue(value).legacy`). */
export function isLegacyOptionValue(value: string): boolean {
  return IP.test(value);
}

/** Parses a value; `withBytes: false` leaves the bytes out (the lint checks only need to know it parses). */
function read(value: string, withBytes: boolean): OptionValueResult {
  if (isLegacyOptionValue(value)) {
    const bytes = withBytes ? Buffer.from(value.split('.').map(Number)) : undefined;
    return { parts: [{ kind: 'ip', source: value, bytes }], legacy: true };
  }
  const parts: OptionPart[] = [];
  let i = 0;
  while (i < value.length) {
    const rest = value.slice(i);
    const hex = /^0x([0-9a-fA-F]*)/.exec(rest);
    if (hex) {
      const digits = hex[1] as string;
      if (!digits.length) return { parts, error: '`0x` has no hex digits after it' };
      if (digits.length % 2)
        return { parts, error: `odd number of hex digits in \`0x${digits}\`: every byte needs two` };
      parts.push({ kind: 'hex', source: hex[0], bytes: withBytes ? Buffer.from(digits, 'hex') : undefined });
      i += hex[0].length;
      continue;
    }
    const quoted = /^(s?)'([^']*)('?)/.exec(rest);
    if (quoted) {
      if (!quoted[3]) return { parts, error: `the quote opened by \`${quoted[1]}'\` is never closed` };
      const text = quoted[2] as string;
      if (quoted[1])
        parts.push({ kind: 'text', source: quoted[0], bytes: withBytes ? Buffer.from(text, 'latin1') : undefined });
      else if (IP.test(text))
        parts.push({
          kind: 'ip',
          source: quoted[0],
          bytes: withBytes ? Buffer.from(text.split('.').map(Number)) : undefined,
        });
      else if (/^\d+$/.test(text))
        parts.push({ kind: 'number', source: quoted[0], bytes: withBytes ? numberBytes(BigInt(text)) : undefined });
      else parts.push({ kind: 'text', source: quoted[0], bytes: withBytes ? Buffer.from(text, 'latin1') : undefined });
      i += quoted[0].length;
      continue;
    }
    const variable = /^\$\(([A-Z0-9_]+)\)/.exec(rest);
    if (variable) {
      parts.push({ kind: 'variable', source: variable[0] });
      i += variable[0].length;
      continue;
    }
    return { parts, error: `unexpected \`${rest.slice(0, 12)}\`: write text as '…', bytes as 0x…, a number as '10'` };
  }
  if (!parts.length) return { parts, error: 'the value is empty' };
  return { parts };
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
