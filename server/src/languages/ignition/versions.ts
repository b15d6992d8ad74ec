/** Ignition config spec versions Fedora CoreOS accepts (3.x); 3.7.0-experimental is opt-in upstream. */
export const STABLE_VERSIONS = ['3.0.0', '3.1.0', '3.2.0', '3.3.0', '3.4.0', '3.5.0', '3.6.0'] as const;
export const EXPERIMENTAL_VERSIONS = ['3.7.0-experimental'] as const;
export const SPEC_VERSIONS: readonly string[] = [...STABLE_VERSIONS, ...EXPERIMENTAL_VERSIONS];
export const LATEST_STABLE = STABLE_VERSIONS[STABLE_VERSIONS.length - 1] as string;
