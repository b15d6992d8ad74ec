import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { RouterOsScript } from '../ast';
import { arg, dhcpModelOf, OPTION_MENU } from '../dhcp';
import { parseOptionValue } from '../optionValue';

export const dhcpOptionValue: Rule<RouterOsScript> = {
  id: 'routeros.dhcpOptionValue',
  language: 'routeros',
  severity: 'error',
  summary:
    'A DHCP option `value` that is not a valid RouterOS option expression (unclosed quote, odd number of hex digits, stray text).',
  example: '/ip dhcp-server option\nadd code=66 name=tftp value="\'192.168.255.2"',
  fix: "Quote text as '…' inside the double quotes (value=\"'lpxelinux.0'\"), write bytes as 0x… with pairs of digits.",
  levelWhy: 'RouterOS refuses an option value it cannot parse, so the `add` fails and the import stops there.',
  check(script) {
    const problems: Problem[] = [];
    for (const s of dhcpModelOf(script).statements) {
      const value = s.menu === OPTION_MENU ? arg(s, 'value') : undefined;
      // An unclosed "…" is the tokenizer's error already; judging its contents would only repeat it.
      if (!value || value.value === undefined || !value.closed) continue;
      const result = parseOptionValue(value.value);
      if (result.error)
        problems.push({
          ruleId: this.id,
          start: value.valueStart,
          end: value.valueEnd,
          message: `Invalid option value: ${result.error}. Example: value="'lpxelinux.0'" for text, value=0x0a for bytes.`,
        });
    }
    return problems;
  },
};

export const legacyOptionValue: Rule<RouterOsScript> = {
  id: 'routeros.legacyOptionValue',
  language: 'routeros',
  severity: 'warning',
  summary: "A bare IP address as an option value: RouterOS v5's form, read differently since v6.8.",
  example: '/ip dhcp-server option\nadd code=66 name=tftp value=192.168.255.2',
  fix: 'Write value="\'192.168.255.2\'" (4 address bytes) or value="s\'192.168.255.2\'" (the text, which option 66 wants).',
  levelWhy:
    'The import succeeds, but since v6.8 the router sends other bytes than a v5-era script meant: very likely wrong, yet a deliberate 4-byte address is possible.',
  check(script) {
    const problems: Problem[] = [];
    for (const s of dhcpModelOf(script).statements) {
      const value = s.menu === OPTION_MENU ? arg(s, 'value') : undefined;
      if (value?.value && parseOptionValue(value.value).legacy) {
        problems.push({
          ruleId: this.id,
          start: value.valueStart,
          end: value.valueEnd,
          message: `A bare IP is RouterOS v5's form. Write value="s'${value.value}'" to send it as text (what option 66 expects) or value="'${value.value}'" for 4 address bytes.`,
          fixes: [
            {
              title: `Send it as text: "s'${value.value}'"`,
              edits: [{ start: value.valueStart, end: value.valueEnd, newText: `"s'${value.value}'"` }],
            },
          ],
        });
      }
    }
    return problems;
  },
};

export const dhcpOptionCode: Rule<RouterOsScript> = {
  id: 'routeros.dhcpOptionCode',
  language: 'routeros',
  severity: 'error',
  summary: 'A DHCP option `code` that is not a number (numbers outside 1–254 are routeros.badValue).',
  example: '/ip dhcp-server option\nadd code=300 name=x value=0x01',
  fix: 'Use the option number from RFC 2132 or the vendor: 66 TFTP server, 67 boot file, 17 root path, 12 host name.',
  levelWhy: 'A code that is no number is refused by the router: the `add` fails and the import stops.',
  check(script) {
    const problems: Problem[] = [];
    for (const s of dhcpModelOf(script).statements) {
      const code = s.menu === OPTION_MENU ? arg(s, 'code') : undefined;
      if (!code?.value) continue;
      // The range of a number is routeros.badValue's; this rule catches what is no number at all.
      if (!/^\d+$/.test(code.value) && !/[$[(]/.test(code.value))
        problems.push({
          ruleId: this.id,
          start: code.valueStart,
          end: code.valueEnd,
          message: `DHCP option code ${code.value} is not a number from 1 to 254.`,
        });
    }
    return problems;
  },
};

export const undefinedOption: Rule<RouterOsScript> = {
  id: 'routeros.undefinedOption',
  language: 'routeros',
  severity: 'warning',
  summary: 'An option set names an option this script never adds (fine only when the router already has it).',
  example: '/ip dhcp-server option sets\nadd name=pxe options=tftp-sever,boot-bios',
  fix: 'Correct the name, or add the option under /ip dhcp-server option.',
  levelWhy:
    'RouterOS refuses a set that names an unknown option, but the router may already have that option from earlier configuration: very likely wrong, not certain.',
  check(script) {
    const model = dhcpModelOf(script);
    return model.optionRefs
      .filter((r) => !model.options.has(r.name))
      .map((r) => {
        const suggestion = didYouMean(r.name, model.options.keys());
        return {
          ruleId: this.id,
          start: r.start,
          end: r.end,
          message: `No option named "${r.name}" is added in this script${suggestion ? `: did you mean "${suggestion}"?` : '; the set only works if the router already has it.'}`,
          ...(suggestion
            ? {
                fixes: [
                  {
                    title: `Change to ${suggestion}`,
                    edits: [{ start: r.start, end: r.end, newText: suggestion }],
                    preferred: true,
                  },
                ],
              }
            : {}),
        };
      });
  },
};

export const undefinedOptionSet: Rule<RouterOsScript> = {
  id: 'routeros.undefinedOptionSet',
  language: 'routeros',
  severity: 'warning',
  summary: '`dhcp-option-set=` names an option set this script never adds.',
  example: '/ip dhcp-server lease\nadd address=192.168.255.50 mac-address=52:54:00:12:34:56 dhcp-option-set=pxe-uefl',
  fix: 'Correct the name, or add the set under /ip dhcp-server option sets.',
  levelWhy:
    'RouterOS refuses an unknown option set, but the router may already have that set from earlier configuration: very likely wrong, not certain.',
  check(script) {
    const model = dhcpModelOf(script);
    return model.setRefs
      .filter((r) => !model.sets.has(r.name))
      .map((r) => {
        const suggestion = didYouMean(r.name, model.sets.keys());
        return {
          ruleId: this.id,
          start: r.start,
          end: r.end,
          message: `No option set named "${r.name}" is added in this script${suggestion ? `: did you mean "${suggestion}"?` : '; it only works if the router already has it.'}`,
          ...(suggestion
            ? {
                fixes: [
                  {
                    title: `Change to ${suggestion}`,
                    edits: [{ start: r.start, end: r.end, newText: suggestion }],
                    preferred: true,
                  },
                ],
              }
            : {}),
        };
      });
  },
};

/**
 * Menus whose entries are keyed by `name` (RouterOS refuses a second entry of the same name). Elsewhere a
 * name repeats freely: /ip dns static holds several records per name, /container envs one key per entry.
 */
const UNIQUE_NAME = new Set([
  '/ip dhcp-server option',
  '/ip dhcp-server option sets',
  '/ip dhcp-server',
  '/ip pool',
  '/system script',
  '/system scheduler',
  '/interface bridge',
  '/interface vlan',
  '/interface list',
  '/interface bonding',
  '/interface wireguard',
  '/interface veth',
  '/user',
  '/user group',
  '/ppp profile',
  '/ppp secret',
  '/queue simple',
  '/queue tree',
  '/routing table',
  '/ip ipsec profile',
  '/ip ipsec proposal',
  '/ip ipsec peer',
]);

export const duplicateName: Rule<RouterOsScript> = {
  id: 'routeros.duplicateName',
  language: 'routeros',
  severity: 'error',
  summary:
    'Two `add name=…` with the same name in a menu keyed by name (options, option sets, pools, DHCP servers, scripts, interfaces, …): the second add fails on the router ("entry already exists") and the import stops.',
  example: '/ip dhcp-server option\nadd code=67 name=boot value="\'a\'"\nadd code=67 name=boot value="\'b\'"',
  fix: 'Rename one, or use `set [ find name=… ]` to change the existing entry.',
  levelWhy:
    'The second add fails ("failure: entry already exists") and the import stops there; the rule checks only menus keyed by name, lines the import runs in order, and forgets a name after a remove.',
  check(script) {
    const seen = new Map<string, number>();
    const problems: Problem[] = [];
    for (const s of dhcpModelOf(script).statements) {
      // Lines the import runs in order; adds inside `:if` branches or stored scripts may never meet.
      if (s.nesting !== 'top' || !UNIQUE_NAME.has(s.menu)) continue;
      if (s.command?.text === 'remove')
        for (const k of [...seen.keys()]) if (k.startsWith(`${s.menu}\u0000`)) seen.delete(k);
      const name = s.command?.text === 'add' ? arg(s, 'name') : undefined;
      if (!name?.value || /[$[(]/.test(name.value)) continue; // a computed name is only known on the router
      const key = `${s.menu}\u0000${name.value}`;
      const first = seen.get(key);
      if (first !== undefined)
        problems.push({
          ruleId: this.id,
          start: name.valueStart,
          end: name.valueEnd,
          message: `"${name.value}" is already added in ${s.menu}: this add fails ("entry already exists") and stops the import.`,
          related: [{ start: first, end: first, message: 'first added here' }],
        });
      else seen.set(key, name.valueStart);
    }
    return problems;
  },
};

export const missingNextServer: Rule<RouterOsScript> = {
  id: 'routeros.missingNextServer',
  language: 'routeros',
  severity: 'warning',
  summary:
    'Option 66 (TFTP server) is handed out but no DHCP network sets `next-server`: many PXE clients ignore option 66 and ask next-server.',
  example:
    '/ip dhcp-server option\nadd code=66 name=tftp value="s\'192.168.255.2\'"\n/ip dhcp-server network\nadd address=192.168.255.0/24 gateway=192.168.255.1',
  fix: 'Add next-server=<TFTP server address> to the /ip dhcp-server network entry (the quick fix does it).',
  levelWhy:
    'The import works and many clients boot from option 66, but PXE ROMs that only read next-server (siaddr) fail: very likely wrong for PXE.',
  check(script) {
    const model = dhcpModelOf(script);
    const option66 = model.statements.find(
      (s) => s.menu === OPTION_MENU && s.command?.text === 'add' && arg(s, 'code')?.value === '66',
    );
    if (!option66) return [];
    const networks = model.statements.filter(
      (s) => s.menu === '/ip dhcp-server network' && (s.command?.text === 'add' || s.command?.text === 'set'),
    );
    if (!networks.length || networks.some((n) => arg(n, 'next-server')?.value)) return [];
    const code = arg(option66, 'code')!;
    // The quick fix adds the server option 66 names to each network `add` (when it is a plain address).
    const server = /^s?'((?:\d{1,3}\.){3}\d{1,3})'$/.exec(arg(option66, 'value')?.value ?? '')?.[1];
    const adds = networks.filter((n) => n.command?.text === 'add');
    const fixes =
      server && adds.length
        ? [
            {
              title: `Add next-server=${server} to the network`,
              edits: adds.map((n) => ({
                start: n.args.at(-1)?.valueEnd ?? n.end,
                end: n.args.at(-1)?.valueEnd ?? n.end,
                newText: ` next-server=${server}`,
              })),
              preferred: true,
            },
          ]
        : undefined;
    return [
      {
        ruleId: this.id,
        start: code.key.start,
        end: code.valueEnd,
        message:
          'Option 66 names the TFTP server, but no /ip dhcp-server network sets next-server: many PXE ROMs only read next-server. Add next-server= to the network.',
        related: networks.map((n) => ({ start: n.start, end: n.end, message: 'network without next-server' })),
        ...(fixes ? { fixes } : {}),
      },
    ];
  },
};
