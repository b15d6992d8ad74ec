import { parserRule } from '../../../core/rule';

export const template = parserRule({
  id: 'ignition.template',
  language: 'ignition',
  severity: 'info',
  summary: 'The file is a template (Go `{{…}}`, Terraform `${…}`) that is not JSON until rendered: it is not checked.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": [${keys}] }] } }',
  fix: 'Lint the rendered config (or keep the template JSON-valid, with markup inside strings only).',
  levelWhy:
    'Advice: a template is rendered before any Ignition reads it, so its syntax errors are not mistakes; the note says ' +
    'that nothing was checked.',
});
