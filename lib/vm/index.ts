/** The test VM: plan (the site as QEMU's user network), run (QEMU + the HTTP folder), timeline. Plain Node. */
export { vmPlan, VmError, type VmPlan, type VmRequest } from './plan';
export {
  howItEnded,
  prerequisites,
  probeAccel,
  startVm,
  succeeded,
  VmRun,
  type Accel,
  type EndReason,
  type VmResult,
  type VmRunOptions,
} from './run';
export {
  kindOf,
  stageLine,
  STAGE_NAME,
  STAGE_ORDER,
  Timeline,
  type Failure,
  type Stage,
  type StageId,
} from './timeline';
export type { HttpEvent } from './http';
