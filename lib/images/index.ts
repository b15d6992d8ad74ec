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

export { clock, mib, progressText } from '../core/units';
export { remoteImagesDir, updateImagesOnNas } from './remote';
