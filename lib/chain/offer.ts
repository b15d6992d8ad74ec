/**
 * What the router hands out, read from the site's RouterOS script: options, option sets, networks, leases and
 * option-93 matchers, resolved into the offer each kind of machine receives, and the boot file it names.
 */
import type { RouterOsScript } from '../languages/routeros';
import { arg, argText, dhcpModelOf, OPTION_MENU, SET_MENU } from '../languages/routeros/dhcpModel';
import { parseOptionValue } from '../languages/routeros/optionValue';
import { argValue, valueEnd, valueStart, type Argument, type Statement } from '../languages/routeros/statements';
import { inSubnet } from '../core/ipv4';
import type { Firmware, Place } from './model';

export interface OptionFact {
  name: string;
  code: string;
  /** The text it sends, when plain text. */
  text?: string;
  at: Place;
}

export interface NetworkFact {
  address?: string;
  nextServer?: { value: string; at: Place };
  bootFile?: { value: string; at: Place };
  sets: string[];
  /** `dhcp-option=` names given directly. */
  options: string[];
  statement: Statement;
  at: Place;
}

export interface LeaseFact {
  mac: string;
  address?: string;
  sets: string[];
  comment?: string;
  at: Place;
}

export interface MatcherFact {
  firmware: Firmware;
  set: string;
  at: Place;
}

/** An `/ip tftp` entry: requests matching `req` (a regex) are answered with the router's file `real`. */
export interface TftpFact {
  req: string;
  real: string;
  at: Place;
}

export interface DhcpFacts {
  file: string;
  tftp: TftpFact[];
  options: Map<string, OptionFact>;
  sets: Map<string, string[]>;
  networks: NetworkFact[];
  leases: LeaseFact[];
  matchers: MatcherFact[];
}

/** What one machine receives: options by code, with where each came from. */
export interface Offer {
  options: Map<string, OptionFact>;
  /** The option set(s) that decided it, for messages. */
  sets: string[];
  network?: NetworkFact;
}

/**
 * What a machine reads from an option as text: `'…'`/`s'…'` text, and an IP part (`'192.168.255.2'` sends 4
 * bytes) read back as the address it names. Undefined for numbers, hex and run-time variables.
 */
function optionString(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const result = parseOptionValue(value);
  if (result.error || !result.parts.length) return undefined;
  let text = '';
  for (const part of result.parts) {
    if (part.kind === 'ip' && part.bytes) text += [...part.bytes].join('.');
    else if (part.kind === 'text' && part.bytes) text += part.bytes.toString('latin1');
    else return undefined;
  }
  return text;
}

const list = (a: Argument | undefined): string[] =>
  a
    ? argValue(a)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** Option 93 (client architecture) and option 60 (PXEClient:Arch:NNNNN) values per firmware. */
function matcherFirmware(code: string | undefined, value: string | undefined): Firmware | undefined {
  if (!value) return undefined;
  const v = value.replace(/^['"]|['"]$/g, '').toLowerCase();
  if (code === '93') {
    const n = /^0x[0-9a-f]+$/.test(v) ? Number.parseInt(v, 16) : /^\d+$/.test(v) ? Number(v) : undefined;
    if (n === 0) return 'bios';
    if (n === 6 || n === 7 || n === 9 || n === 16) return 'uefi';
  }
  if (code === '60') {
    if (v.includes('arch:00000')) return 'bios';
    if (/arch:000(06|07|09|16)/.test(v)) return 'uefi';
  }
  return undefined;
}

/** Reads one `add` statement of the DHCP menus into the facts. */
type Reader = (facts: DhcpFacts, s: Statement, place: (start: number, end: number) => Place) => void;

const valuePlace = (place: (start: number, end: number) => Place, a: Argument): Place =>
  place(valueStart(a), valueEnd(a));

const readOption: Reader = (facts, s, place) => {
  const name = argText(s, 'name');
  if (!name) return;
  const value = arg(s, 'value');
  const text = optionString(value && argValue(value));
  facts.options.set(name, {
    name,
    code: argText(s, 'code') ?? '',
    ...(text !== undefined ? { text } : {}),
    at: value ? valuePlace(place, value) : place(s.start, s.end),
  });
};

const readSet: Reader = (facts, s) => {
  const name = argText(s, 'name');
  if (name) facts.sets.set(name, list(arg(s, 'options')));
};

const readNetwork: Reader = (facts, s, place) => {
  const next = arg(s, 'next-server');
  const nextValue = next && argValue(next);
  const boot = arg(s, 'boot-file-name');
  const bootValue = boot && argValue(boot);
  const address = argText(s, 'address');
  facts.networks.push({
    ...(address ? { address } : {}),
    ...(next && nextValue && nextValue !== '0.0.0.0'
      ? { nextServer: { value: nextValue, at: valuePlace(place, next) } }
      : {}),
    ...(boot && bootValue ? { bootFile: { value: bootValue, at: valuePlace(place, boot) } } : {}),
    sets: list(arg(s, 'dhcp-option-set')),
    options: list(arg(s, 'dhcp-option')),
    statement: s,
    at: place(s.start, s.end),
  });
};

const readLease: Reader = (facts, s, place) => {
  const mac = argText(s, 'mac-address');
  if (!mac) return;
  const address = argText(s, 'address');
  const comment = argText(s, 'comment');
  facts.leases.push({
    mac: mac.toLowerCase(),
    ...(address ? { address } : {}),
    sets: list(arg(s, 'dhcp-option-set')),
    ...(comment ? { comment } : {}),
    at: place(s.start, s.end),
  });
};

const readTftp: Reader = (facts, s, place) => {
  const req = arg(s, 'req-filename');
  const real = arg(s, 'real-filename');
  const realValue = real && argValue(real);
  if (req && real && realValue) facts.tftp.push({ req: argValue(req), real: realValue, at: valuePlace(place, real) });
};

const readMatcher: Reader = (facts, s, place) => {
  const firmware = matcherFirmware(argText(s, 'code'), argText(s, 'value'));
  const set = argText(s, 'option-set');
  if (firmware && set) facts.matchers.push({ firmware, set, at: place(s.start, s.end) });
};

const READERS = new Map<string, Reader>([
  [OPTION_MENU, readOption],
  [SET_MENU, readSet],
  ['/ip dhcp-server network', readNetwork],
  ['/ip dhcp-server lease', readLease],
  ['/ip tftp', readTftp],
  ['/ip dhcp-server matcher', readMatcher],
]);

const factsOf = new WeakMap<RouterOsScript, DhcpFacts>();

/** The DHCP facts of a parsed router config, worked out once per parse (chain rebuilds share it). */
export function dhcpFacts(file: string, script: RouterOsScript): DhcpFacts {
  const known = factsOf.get(script);
  if (known?.file === file) return known;
  const facts = readFacts(file, script);
  factsOf.set(script, facts);
  return facts;
}

function readFacts(file: string, script: RouterOsScript): DhcpFacts {
  const facts: DhcpFacts = {
    file,
    tftp: [],
    options: new Map(),
    sets: new Map(),
    networks: [],
    leases: [],
    matchers: [],
  };
  const place = (start: number, end: number): Place => ({ file, start, end });
  for (const s of dhcpModelOf(script).statements) {
    if (s.command?.text !== 'add' || argText(s, 'disabled') === 'yes') continue;
    READERS.get(s.menu)?.(facts, s, place);
  }
  return facts;
}

/** The network a lease's address falls in (the first one when it cannot be told). */
function networkOf(facts: DhcpFacts, address: string | undefined): NetworkFact | undefined {
  return (address && facts.networks.find((n) => inSubnet(address, n.address ?? ''))) || facts.networks[0];
}

/**
 * Options a machine receives. Later sources win per option code: the network's own options and set, then a
 * matcher for its firmware, then its lease's set (RouterOS gives the most specific source priority).
 */
export function offerFor(facts: DhcpFacts, firmware: Firmware, lease?: LeaseFact): Offer {
  let byLease = offers.get(facts);
  if (!byLease) offers.set(facts, (byLease = new Map()));
  const key = lease ?? facts;
  let byFirmware = byLease.get(key);
  if (!byFirmware) byLease.set(key, (byFirmware = new Map()));
  let offer = byFirmware.get(firmware);
  if (!offer) byFirmware.set(firmware, (offer = makeOffer(facts, firmware, lease)));
  return offer;
}

/** Offers worked out per router config's facts (facts live as long as the config's parse). */
const offers = new WeakMap<DhcpFacts, Map<object, Map<Firmware, Offer>>>();

function makeOffer(facts: DhcpFacts, firmware: Firmware, lease?: LeaseFact): Offer {
  const network = networkOf(facts, lease?.address);
  const options = new Map<string, OptionFact>();
  const sets: string[] = [];
  const addOption = (name: string): void => {
    const option = facts.options.get(name);
    if (option) options.set(option.code, option);
  };
  const addSet = (name: string): void => {
    const names = facts.sets.get(name);
    if (!names) return;
    sets.push(name);
    names.forEach(addOption);
  };
  network?.options.forEach(addOption);
  network?.sets.forEach(addSet);
  facts.matchers.filter((m) => m.firmware === firmware).forEach((m) => addSet(m.set));
  lease?.sets.forEach(addSet);
  return { options, sets, ...(network ? { network } : {}) };
}

/** The boot file an offer names: option 67 when it sends text, else the network's boot-file-name. */
export interface BootFile {
  name: string;
  /** Where it is set: option 67's value, or the network's boot-file-name. */
  at: Place;
  /** True when option 67 names it (option 67 wins over boot-file-name, as firmware reads it). */
  fromOption67: boolean;
}

/**
 * The boot file a machine is handed. The firmware-dependent choice (option 93 / vendor-class matchers, a
 * lease's option set) is already in the offer (`offerFor`); this is the one place that reads the file from it.
 */
export function bootFileOf(offer: Offer): BootFile | undefined {
  const option67 = offer.options.get('67');
  // An option 67 that sends empty text names no file, and the network's is not asked (firmware takes option 67 as sent).
  if (option67?.text !== undefined)
    return option67.text ? { name: option67.text, at: option67.at, fromOption67: true } : undefined;
  const network = offer.network?.bootFile;
  return network ? { name: network.value, at: network.at, fromOption67: false } : undefined;
}
