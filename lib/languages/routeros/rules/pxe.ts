import { join } from 'node:path';
import { servedPath } from '../../../core/ruleContext';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { RouterOsScript } from '../ast';
import { arg, dhcpModelOf, OPTION_MENU } from '../dhcp';
import { optionText } from '../optionValue';
import type { Argument } from '../statements';

/** Options with this `code` whose value is plain text: the value argument and the text it sends. */
function* textOptions(script: RouterOsScript, code: string): Generator<{ value: Argument; text: string }> {
  for (const s of dhcpModelOf(script).statements) {
    if (s.menu !== OPTION_MENU || arg(s, 'code')?.value !== code) continue;
    const value = arg(s, 'value');
    const text = optionText(value?.value);
    if (value && text) yield { value, text };
  }
}

export const bootFileMissing: Rule<RouterOsScript> = {
  id: 'routeros.bootFileMissing',
  language: 'routeros',
  severity: 'warning',
  summary: "DHCP option 67 (boot file) names a file that is not in the site's TFTP folder.",
  example: '/ip dhcp-server option\nadd code=67 name=boot value="\'lpxelinx.0\'"',
  fix: 'Correct the file name, or put the loader into the TFTP folder (pxe-site.json tftp.root).',
  levelWhy:
    'The boot fails if the router points clients at this folder, but PXE Workbench only sees the site folder, which may not be what next-server serves: very likely wrong.',
  check(script, _text, context) {
    const root = context.site?.tftpRoot;
    if (!root || !context.files) return [];
    const problems: Problem[] = [];
    for (const { value, text: file } of textOptions(script, '67')) {
      if (/^[a-z]+:\/\//i.test(file)) continue;
      const path = join(root, ...file.replace(/^\/+/, '').split('/'));
      if (!context.files.exists(path))
        problems.push({
          ruleId: this.id,
          start: value.valueStart,
          end: value.valueEnd,
          message: `Option 67 boots "${file}", which is not in the TFTP folder (looked for ${path}).`,
        });
    }
    return problems;
  },
};

export const bootFileNotServed: Rule<RouterOsScript> = {
  id: 'routeros.bootFileNotServed',
  language: 'routeros',
  severity: 'warning',
  summary:
    'DHCP option 67 names a file that no `/ip tftp` entry of the same script serves (when the router itself is the TFTP server).',
  example:
    '/ip tftp\nadd req-filename=lpxelinux.0 real-filename=/pxe/lpxelinux.0\n/ip dhcp-server option\nadd code=67 name=boot value="\'ipxe.efi\'"',
  fix: 'Add an `/ip tftp` entry whose req-filename matches the boot file, or correct the file name.',
  levelWhy:
    'When the router is the TFTP server the client gets "file not found", but another script or an earlier setup may add the /ip tftp entry: very likely wrong.',
  check(script) {
    const served: RegExp[] = [];
    for (const s of dhcpModelOf(script).statements) {
      if (s.menu !== '/ip tftp' || s.command?.text !== 'add' || arg(s, 'disabled')?.value === 'yes') continue;
      const pattern = arg(s, 'req-filename')?.value;
      if (pattern === undefined || pattern === '' || /[$[]/.test(pattern)) return []; // serves everything, or decided at run time
      try {
        served.push(new RegExp(pattern));
      } catch {
        return []; // the router's regex dialect differs: do not guess
      }
    }
    if (!served.length) return [];
    const problems: Problem[] = [];
    for (const { value, text: file } of textOptions(script, '67')) {
      if (/^[a-z]+:\/\//i.test(file) || served.some((re) => re.test(file))) continue;
      problems.push({
        ruleId: this.id,
        start: value.valueStart,
        end: value.valueEnd,
        message: `Option 67 boots "${file}", but no /ip tftp entry in this script has a req-filename that matches it: the router's TFTP server will refuse it. Add one, or correct the name.`,
      });
    }
    return problems;
  },
};

export const rootPathUnmapped: Rule<RouterOsScript> = {
  id: 'routeros.rootPathUnmapped',
  language: 'routeros',
  severity: 'warning',
  summary:
    "DHCP option 17 (root-path, the iPXE script URL) points under the site's HTTP base URL at a file that is not in the served folder.",
  example: '/ip dhcp-server option\nadd code=17 name=root-path value="\'http://192.168.255.2/tftp/fcos.ipxe\'"',
  fix: 'Correct the URL, or put the script into the HTTP folder (pxe-site.json http.root).',
  levelWhy:
    'iPXE gets a 404 for the script when the site folder is what the HTTP server serves, which PXE Workbench cannot confirm: very likely wrong.',
  check(script, _text, context) {
    const http = context.site?.http;
    if (!http || !context.files) return [];
    const problems: Problem[] = [];
    for (const { value, text: url } of textOptions(script, '17')) {
      const path = servedPath(http, url);
      if (path && !context.files.exists(path))
        problems.push({
          ruleId: this.id,
          start: value.valueStart,
          end: value.valueEnd,
          message: `Option 17 sends ${url}, but ${path} does not exist: iPXE's \`chain \${root-path}\` will get a 404.`,
        });
    }
    return problems;
  },
};

export const nextServerCleared: Rule<RouterOsScript> = {
  id: 'routeros.nextServerCleared',
  language: 'routeros',
  severity: 'warning',
  summary: '`next-server` set to an empty value: RouterOS expects 0.0.0.0 to clear it.',
  example: '/ip dhcp-server network\nset [ find address=192.168.255.0/24 ] next-server=""',
  fix: 'Write next-server=0.0.0.0 to clear it, or give the TFTP server address.',
  levelWhy:
    'An empty next-server does not clear the field the way 0.0.0.0 does (older versions refuse it): very likely not what was meant, though nothing else breaks.',
  check(script) {
    const problems: Problem[] = [];
    for (const s of dhcpModelOf(script).statements) {
      const next = s.menu === '/ip dhcp-server network' ? arg(s, 'next-server') : undefined;
      if (next && next.value === '')
        problems.push({
          ruleId: this.id,
          start: next.key.start,
          end: next.valueEnd,
          message: 'An empty next-server does not clear it: write next-server=0.0.0.0.',
          fixes: [
            {
              title: 'Use next-server=0.0.0.0',
              edits: [{ start: next.key.start, end: next.valueEnd, newText: 'next-server=0.0.0.0' }],
              preferred: true,
            },
          ],
        });
    }
    return problems;
  },
};
