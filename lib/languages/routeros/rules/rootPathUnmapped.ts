import { servedPath } from '../../../core/ruleContext';
import { valueEnd, valueStart } from '../ast';
import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { routerosRule, textOptions } from './shared';

export const rootPathUnmapped = routerosRule({
  id: 'routeros.rootPathUnmapped',
  language: 'routeros',
  severity: 'warning',
  summary:
    "DHCP option 17 (root-path, the iPXE script URL) points under the site's HTTP base URL at a file that is not in the served folder.",
  example: '/ip dhcp-server option\nadd code=17 name=root-path value="\'http://192.168.255.2/tftp/fcos.ipxe\'"',
  fix: 'Correct the URL, or put the script into the HTTP folder (pxe-site.json http.root).',
  levelWhy:
    'iPXE gets a 404 for the script when the site folder is what the HTTP server serves, which PXE Workbench cannot ' +
    'confirm: very likely wrong.',
  check(script, _text, context) {
    const http = context.site?.http;
    if (!http || !context.files) return [];
    const problems: Problem[] = [];
    for (const { value, text: url } of textOptions(script, '17')) {
      const path = servedPath(http, url);
      if (path && !context.files.exists(path))
        problems.push(
          report(
            this,
            { start: valueStart(value), end: valueEnd(value) },
            `Option 17 sends ${url}, but ${path} does not exist: iPXE's \`chain \${root-path}\` will get a 404.`,
          ),
        );
    }
    return problems;
  },
});
