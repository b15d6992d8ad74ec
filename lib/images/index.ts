export {
  updateImages,
  localStore,
  repoint,
  versionsOf,
  LATEST_FILE,
  type ImageStore,
  type Progress,
  type UpdateOptions,
  type UpdateResult,
} from './update';
export { imagesSettings, type ImagesOptions } from './settings';
export {
  ARCHES,
  STREAMS,
  ImageError,
  compareReleases,
  defaultStreamUrl,
  linkName,
  pxeRelease,
  type Arch,
  type Stream,
} from './stream';

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
export { remoteImagesDir, updateImagesOnNas } from './remote';
