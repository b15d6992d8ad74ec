/** Sizes, durations and transfer progress in the words every command shows them in. */

/** `812.0 MiB` */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** `0:42` or `1:02:03` */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const parts = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return (parts[0] ? parts : parts.slice(1)).map((n, i) => (i ? String(n).padStart(2, '0') : String(n))).join(':');
}

/** `120.0 MiB of 812.0 MiB · 11.2 MiB/s · 1:02 left`: a download's or an upload's progress line. */
export function progressText(p: { done: number; total: number; bytesPerSecond: number; etaSeconds?: number }): string {
  const left = p.etaSeconds !== undefined ? ` · ${clock(p.etaSeconds)} left` : '';
  return `${mib(p.done)} of ${mib(p.total)} · ${mib(p.bytesPerSecond)}/s${left}`;
}
