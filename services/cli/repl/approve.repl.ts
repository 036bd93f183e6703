// `actor approve <key> <bomItem> [--quantity N] [--order O]`: approves a consumption held for
// being out of tolerance (posts it once, as recorded or with the corrected quantity in the
// BOM unit). The REPL user is the approver: audited and named in the event's origin.
import { userInfo } from 'node:os';
import type { ServiceBroker } from 'moleculer';
import { parseActorKey } from '../../../actors/index.ts';
import { MillwrightError } from '../../../contracts/index.ts';
import { HOST_SERVICE } from '../../workcenter/membership.ts';

function replUser(): string {
  try {
    return `repl:${userInfo().username}`;
  } catch {
    return 'repl:unknown';
  }
}

/** Params of workcenter.host.approveConsumption from the command's words and options. */
export function approvalParams(
  key: string,
  bomItem: string,
  options: Record<string, unknown>,
): Record<string, unknown> {
  const { plant, workCenter } = parseActorKey(key);
  const params: Record<string, unknown> = { plant, workCenter, bomItem };
  const raw = options['quantity'];
  if (raw !== undefined) {
    const quantity = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
    if (!Number.isFinite(quantity) || quantity < 0) {
      throw new MillwrightError(
        'MW_PLATFORM_COMMAND_INVALID',
        `--quantity must be a non-negative number, got ${JSON.stringify(raw)}`,
        { option: 'quantity', value: raw },
      );
    }
    params['quantity'] = quantity;
  }
  if (typeof options['order'] === 'string') params['order'] = options['order'];
  return params;
}

export async function approveFromRepl(
  broker: ServiceBroker,
  key: string,
  bomItem: string,
  options: Record<string, unknown>,
): Promise<unknown> {
  return broker.call(`${HOST_SERVICE}.approveConsumption`, approvalParams(key, bomItem, options), {
    meta: { actor: replUser() },
  });
}
