import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { argumentFacts, type ArgumentFacts, type Choices, type ValueType } from '../catalog';
import { argValue, isClosed, valueEnd, valueStart } from '../ast';
import { resolvedCommands, type KnownCommand } from '../resolve';
import { computedAtRunTime, routerosRule } from './shared';

/** IPv4 as RouterOS reads it: 1 to 4 numbers (`2.2` is 2.0.0.2), an optional /prefix. */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){0,3}(\/([0-9]|[12]\d|3[0-2]))?$/;

// The patterns are constants: a regular expression literal in a function makes a new object each time it runs.
const PLAIN_NUMBER = /^-?(\d+|0x[0-9a-f]+)$/i;
const LIST_OR_RANGE = /[,-]/;
const HOST_NAME = /^[a-z][\w.]*$/i;
const POOL_NAME = /^[a-z][\w.-]*$/i;
const MAC = /^[0-9a-f]{2}([:.-]?[0-9a-f]{2}){5}$/i;
const BOOLEAN_WORDS = ['yes', 'no', 'true', 'false'];

/** One part of an IP argument: an IPv4 address, an IPv6 one or a name. */
const addressOrName = (part: string): boolean => IPV4.test(part) || part.includes(':') || HOST_NAME.test(part);

/** Why a literal value does not fit the type, or undefined when it does (or cannot be judged statically). */
function wrongKind(value: string, type: ValueType): string | undefined {
  // Values computed at run time ($var, [command], (expression)) are the router's to judge.
  if (computedAtRunTime(value) || value === '') return undefined;
  switch (type.type) {
    case 'integer': {
      // Only plain numbers are judged: many numeric arguments also take words or times (auto, 03:00:00).
      if (!PLAIN_NUMBER.test(value)) return undefined;
      const n = Number(value);
      if (type.min !== undefined && n < type.min) return `is below ${type.min}`;
      if (type.max !== undefined && n > type.max) return `is above ${type.max}`;
      return undefined;
    }
    case 'ip':
      // Lists (a,b), ranges (a-b), IPv6 and names are accepted; a malformed IPv4 is not.
      return value.split(LIST_OR_RANGE).every(addressOrName) ? undefined : 'is not an IPv4 address';
    case 'mac':
      return MAC.test(value) ? undefined : 'is not a MAC address (like 52:54:00:12:34:56)';
    case 'boolean':
      return BOOLEAN_WORDS.includes(value) ? undefined : 'must be yes or no';
  }
}

/**
 * Menus whose `address=` takes one address where the type allows lists, ranges and names: a lease's address (or
 * the name of a pool), a DHCP network's address with its prefix. The test VM hands these to QEMU as they are.
 */
const ONE_ADDRESS = new Map<string, 'lease' | 'network'>([
  ['/ip dhcp-server lease', 'lease'],
  ['/ip dhcp-server network', 'network'],
]);

/** Why a lease or network address is not one address (what to write instead), or undefined. */
function badAddress(value: string, kind: 'lease' | 'network'): string | undefined {
  if (computedAtRunTime(value) || value === '') return undefined;
  if (kind === 'lease') {
    if ((IPV4.test(value) && !value.includes('/')) || POOL_NAME.test(value)) return undefined;
    return 'is not one IPv4 address: a lease takes a single address, like address=192.168.255.50 (or 0.0.0.0 to take one from the pool)';
  }
  return IPV4.test(value)
    ? undefined
    : 'is not one IPv4 network: a DHCP network takes an address with its prefix, like address=192.168.255.0/24';
}

/** The first word of a closed choice that the router does not know, with the nearest one it does. */
function badChoice(value: string, choices: Choices): { word: string; at: number; suggestion?: string } | undefined {
  if (!choices.closed || computedAtRunTime(value) || value === '') return undefined;
  const body = value.replace(/^!/, '');
  let at = value.length - body.length;
  for (const word of choices.list ? body.split(',') : [body]) {
    if (!choices.values.includes(word)) return { word, at, suggestion: didYouMean(word, choices.values) };
    at += word.length + 1;
  }
  return undefined;
}

export const badValue = routerosRule({
  id: 'routeros.badValue',
  language: 'routeros',
  severity: 'error',
  summary:
    'An argument value of the wrong kind: a number out of range, an IP or MAC address that is not one, yes/no or another ' +
    'fixed word (authoritative=, bootp-support=, action=, …) misspelled. RouterOS rejects the line.',
  example: '/ip dhcp-server network\nadd address=192.168.255.0/24 next-server=192.168.255.300',
  fix: 'Give a value of the kind the message names.',
  levelWhy:
    'RouterOS refuses a value of the wrong kind ("invalid value for argument"): the line fails and the import stops.',
  check(script) {
    const problems: Problem[] = [];
    // Index loops: these visit every argument of a big export, and for…of makes an iterator each time.
    const { statements, resolved } = resolvedCommands(script);
    // Statements that resolve alike share their resolution: look its facts up once per run of them.
    let last: KnownCommand | undefined;
    let facts: ReadonlyMap<string, ArgumentFacts> | undefined;
    for (let c = 0; c < statements.length; c++) {
      const s = statements[c]!;
      const { menu, command } = resolved[c]!;
      if (resolved[c] !== last) {
        last = resolved[c];
        facts = argumentFacts(menu, command);
      }
      const known = s.args.length && s.nesting !== 'quoted' ? facts : undefined;
      if (!known) continue;
      for (let k = 0; k < s.args.length; k++) {
        const a = s.args[k]!;
        if (!isClosed(a)) continue;
        const fact = known.get(a.name.startsWith('!') ? a.name.slice(1) : a.name);
        const one =
          (command === 'add' || command === 'set') && a.name === 'address' ? ONE_ADDRESS.get(menu) : undefined;
        // The value is made only for an argument that has something to check it against.
        if (!one && !fact?.type && !fact?.choices) continue;
        const value = argValue(a);
        const why = one ? badAddress(value, one) : fact?.type ? wrongKind(value, fact.type) : undefined;
        if (why) problems.push(report(this, { start: valueStart(a), end: valueEnd(a) }, `${a.name}=${value} ${why}.`));
        const choices = why ? undefined : fact?.choices;
        const wrong = choices && badChoice(value, choices);
        if (!wrong || !choices) continue;
        const start = valueStart(a) + wrong.at;
        const end = start + wrong.word.length;
        const words = choices.values.length > 12 ? `${choices.values.length} known words` : choices.values.join(', ');
        const hint = wrong.suggestion ? `did you mean "${wrong.suggestion}"? ` : '';
        problems.push(
          report(
            this,
            { start, end },
            `${a.name}= does not take "${wrong.word}": ${hint}It takes ${choices.list ? 'a comma-separated list of ' : 'one of '}${words}.`,
            {
              fixes: wrong.suggestion
                ? [
                    {
                      title: `Change to ${wrong.suggestion}`,
                      edits: [{ start, end, newText: wrong.suggestion }],
                      preferred: true,
                    },
                  ]
                : undefined,
            },
          ),
        );
      }
    }
    return problems;
  },
});
