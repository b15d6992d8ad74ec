import { parserRule } from './rule';

/** The rules the core and the engine report themselves: a rule or a parser that failed, a file not read. */
export const INTERNAL = {
  ruleFailed: parserRule({
    id: 'internal.ruleFailed',
    language: 'general',
    severity: 'error',
    summary: 'A rule crashed on this file. The other rules still ran; this is a bug in PXE Workbench.',
    example: '(no example: any file that triggers a bug)',
    fix: 'Report the file and message; meanwhile set this rule to "off" to hide it.',
    levelWhy:
      'a rule that did not run may have missed a real error; the user must know the file was not fully checked.',
  }),
  analysisFailed: parserRule({
    id: 'internal.analysisFailed',
    language: 'general',
    severity: 'error',
    summary:
      'Parsing or checking this file (or building the boot chain of its site) failed. The language server keeps ' +
      'running and checks every other file; this is a bug in PXE Workbench.',
    example: '(no example: any file that triggers a bug)',
    fix: 'Report the file and message. The file is not checked until it changes.',
    levelWhy: 'nothing in the file was checked, so any error in it goes unseen.',
  }),
  notChecked: parserRule({
    id: 'internal.notChecked',
    language: 'general',
    severity: 'warning',
    summary:
      'A file was not read: it is not a regular file (a named pipe, a device, a socket) or it is larger than the ' +
      'cap for its kind (16 MiB for a config, 1 MiB for pxe-site.json).',
    example: 'router.config names a named pipe, or a 17 MB iPXE script',
    fix: 'Point the setting at the real file, or split the file; boot configs are far smaller than the cap.',
    levelWhy:
      'very likely a wrong path (a pipe or a device where a config belongs); the file itself may be fine, but it ' +
      'was not checked.',
  }),
};

/** The site's rule for a profile template's unknown `${…}`: reported by the core, which renders templates. */
export const templateVariable = parserRule({
  id: 'site.templateVariable',
  language: 'site',
  severity: 'error',
  summary:
    'A profile template uses a `${node.…}` or `${site.…}` variable that does not exist, so the generated files ' +
    'would keep it literally.',
  example: 'kernel ${site.baseUrl}vmlinuz ignition.config.url=${node.ignitionURL}',
  fix:
    'Use one of the variables the message lists (node.name, node.mac, node.macHyphen, node.ip, node.firmware, ' +
    'node.profile, node.kernelArgs, node.ignitionUrl, site.baseUrl, site.nas, site.router).',
  levelWhy: 'the generated files keep the variable literally and the machine boots with a broken URL or argument.',
});
