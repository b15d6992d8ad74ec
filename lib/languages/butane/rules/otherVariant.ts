import { butaneRule, reportsOf } from './shared';

export const otherVariant = butaneRule({
  id: 'butane.otherVariant',
  language: 'butane',
  severity: 'info',
  summary:
    'A Butane variant the butane CLI knows but PXE Workbench does not translate (openshift, r4e, fiot): the config ' +
    'is not checked or translated here.',
  example:
    'variant: openshift\nversion: 4.16.0\nmetadata:\n  name: worker-custom\n  labels:\n    machineconfiguration.openshift.io/role: worker',
  fix: 'Check and translate it with the butane CLI (`butane --strict`); PXE Workbench translates fcos and flatcar.',
  levelWhy:
    'The config may well be right: only a note that nothing here checks it (info), never a warning on a file that works.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
