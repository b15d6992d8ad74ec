/**
 * The ids of Butane's rules, for the translator's reports (the rule objects in rules/ import the translator,
 * so the translator names them here rather than importing them).
 */
export const BUTANE = {
  yamlSyntax: 'butane.yamlSyntax',
  version: 'butane.version',
  otherVariant: 'butane.otherVariant',
  unknownKey: 'butane.unknownKey',
  invalidValue: 'butane.invalidValue',
  tooManySources: 'butane.tooManySources',
  localFile: 'butane.localFile',
  decimalMode: 'butane.decimalMode',
  bootDevice: 'butane.bootDevice',
  grub: 'butane.grub',
  mountUnit: 'butane.mountUnit',
  unit: 'butane.unit',
  partition: 'butane.partition',
  conflict: 'butane.conflict',
  unsupported: 'butane.unsupported',
  embeddedVersion: 'butane.embeddedVersion',
  specialModeBits: 'butane.specialModeBits',
  unitWithoutInstall: 'butane.unitWithoutInstall',
  ignitionWarning: 'butane.ignitionWarning',
} as const;
