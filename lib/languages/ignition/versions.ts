/** Ignition config spec versions Fedora CoreOS accepts (3.x); 3.7.0-experimental is opt-in upstream. */
export const STABLE_VERSIONS = ['3.0.0', '3.1.0', '3.2.0', '3.3.0', '3.4.0', '3.5.0', '3.6.0'] as const;
export const EXPERIMENTAL_VERSIONS = ['3.7.0-experimental'] as const;
export const SPEC_VERSIONS: readonly string[] = [...STABLE_VERSIONS, ...EXPERIMENTAL_VERSIONS];
export const LATEST_STABLE = STABLE_VERSIONS[STABLE_VERSIONS.length - 1] as string;

/**
 * The first Ignition release that reads each stable spec (coreos.github.io/ignition/specs; 3.6.0 was
 * stabilised in Ignition 2.26.0). A machine whose Ignition is older refuses the config.
 */
export const FIRST_IGNITION: Readonly<Record<string, string>> = {
  '3.0.0': '2.0.0',
  '3.1.0': '2.3.0',
  '3.2.0': '2.7.0',
  '3.3.0': '2.11.0',
  '3.4.0': '2.15.0',
  '3.5.0': '2.20.0',
  '3.6.0': '2.26.0',
};

/** "spec 3.4.0 (Ignition 2.15.0 and later)" */
export function specWithReaders(version: string): string {
  const first = FIRST_IGNITION[version];
  return first
    ? `spec ${version} (read by Ignition ${first} and later)`
    : `spec ${version} (experimental: only the Ignition release that ships it)`;
}
