/**
 * Applies a router plan call by call, stopping at the first refusal with the router's message and the list
 * of what was and was not applied; then reads every menu back and checks that nothing is left to do.
 * A plan is recomputed from the router's state on every run, so an interrupted apply converges next time.
 */
import { RouterError, type RouterApi } from './api';
import type { Desired } from './desired';
import { makeRouterPlan, readState, type RouterOp, type RouterPlan } from './plan';

export interface RouterApplyResult {
  applied: RouterOp[];
  /** Left after a read-back (should be none). */
  remaining: RouterOp[];
}

export class RouterApplyError extends RouterError {
  override readonly name = 'RouterApplyError';
  constructor(
    message: string,
    readonly applied: RouterOp[],
    readonly notApplied: RouterOp[],
    connectionLost: boolean,
    trap?: string,
  ) {
    super(message, connectionLost, trap);
  }
}

export const describeOp = (op: RouterOp): string => `${op.action} ${op.menu.script} ${op.keyName}=${op.key}`;

export async function applyRouterPlan(
  api: RouterApi,
  plan: RouterPlan,
  desired: Desired,
  options: { prune?: boolean; signal?: AbortSignal; log?: (line: string) => void } = {},
): Promise<RouterApplyResult> {
  const applied: RouterOp[] = [];
  for (const [index, op] of plan.ops.entries()) {
    if (options.signal?.aborted) {
      throw new RouterApplyError(
        `Stopped after ${applied.length} of ${plan.ops.length} change(s). The router keeps what was applied; ` +
          "deploy again to finish (the plan is computed from the router's state).",
        applied,
        plan.ops.slice(index),
        false,
      );
    }
    try {
      if (op.action === 'add') await api.add(op.menu.api, op.props);
      else if (op.action === 'set') await api.set(op.menu.api, op.id!, op.props);
      else await api.remove(op.menu.api, op.id!);
      applied.push(op);
      options.log?.(`${describeOp(op)}: done`);
    } catch (error) {
      const e = error as RouterError;
      const rest = plan.ops.slice(index);
      const lines = [
        e.connectionLost
          ? `The connection broke off at "${describeOp(op)}" (${e.message}).`
          : `The router refused "${describeOp(op)}": ${e.trap ?? e.message}.`,
        `Applied (${applied.length}): ${applied.map(describeOp).join('; ') || 'nothing'}.`,
        `Not applied (${rest.length}): ${rest.map(describeOp).join('; ')}.`,
        e.connectionLost
          ? 'Deploy again: the next plan starts from what the router has now.'
          : 'Fix the script line the router refused (or the router item in the way), then deploy again: ' +
            'the next plan starts from what the router has now.',
      ];
      throw new RouterApplyError(lines.join('\n'), applied, rest, e.connectionLost, e.trap);
    }
  }
  const after = makeRouterPlan(
    desired,
    await readState((menu) => api.print(menu)),
    options.prune ? { prune: true } : {},
  );
  return { applied, remaining: after.ops };
}
