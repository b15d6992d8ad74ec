import { parserRule } from '../../../core/rule';

export const jsonSyntax = parserRule({
  id: 'ignition.jsonSyntax',
  language: 'ignition',
  severity: 'error',
  summary: 'The config is not valid JSON (Ignition accepts no comments and no trailing commas).',
  example: '{ "ignition": { "version": "3.4.0", } }',
  fix: 'Fix the JSON at the reported position.',
  levelWhy: 'Ignition refuses a config that is not JSON ("couldn\'t parse config"): the first boot fails.',
});
