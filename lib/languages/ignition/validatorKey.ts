/** The export name of a version's standalone validator: 3.7.0-experimental → v3_7_0_experimental. */
export function validatorKey(version: string): string {
  return `v${version.replace(/[^0-9a-z]/gi, '_')}`;
}
