import { parserRule } from '../../../core/rule';

export const yamlSyntax = parserRule({
  id: 'butane.yamlSyntax',
  language: 'butane',
  severity: 'error',
  summary: 'The config is not valid YAML (or nests deeper than any real config).',
  example: 'variant: fcos\nversion: 1.6.0\nstorage: [\n',
  fix: 'Fix the YAML at the reported position: indentation, a missing colon, an unclosed bracket or quote.',
  levelWhy: 'Butane refuses a config it cannot read as YAML: nothing is translated.',
});
