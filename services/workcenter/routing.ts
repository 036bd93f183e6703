// Sends a message to the node that owns a work-center actor: rendezvous hashing over the
// current host nodes, then a direct `nodeID` call (embedded and NATS alike). Retryable
// failures (busy, moving, fenced, owner gone, timeout) are retried with back-off until a
// deadline, so a message sent during a move is delivered once the move completes.
import type { ServiceBroker } from 'moleculer';
import { ownerOf } from '../../actors/index.ts';
import { MillwrightError } from '../../contracts/index.ts';
import { HOST_SERVICE, hostNodes } from './membership.ts';

export interface RouteOptions {
  /** Give up after this long (ms); default 30 s. */
  readonly deadlineMs?: number;
  /** First back-off (ms), doubling up to 1 s; default 50. */
  readonly backoffMs?: number;
  /** Per attempt; default the broker's request timeout. */
  readonly timeoutMs?: number;
  /** Called for each retried failure (tests count them). */
  readonly onRetry?: (error: unknown) => void;
}

export interface TellResult {
  readonly sequence: number;
  readonly committed: boolean;
  readonly reply: unknown;
}

export function isRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { retryable?: unknown }).retryable === true
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delivers `message` to the actor `key` and resolves once the owner has committed it. */
export async function tellWorkCenter(
  broker: ServiceBroker,
  key: string,
  message: unknown,
  options: RouteOptions = {},
): Promise<TellResult> {
  const deadline = Date.now() + (options.deadlineMs ?? 30_000);
  let backoff = options.backoffMs ?? 50;
  for (;;) {
    try {
      const owner = ownerOf(key, hostNodes(broker));
      if (owner === undefined) {
        throw new MillwrightError('MW_ACTOR_MOVING', `no node runs ${HOST_SERVICE} for ${key}`, {
          key,
        });
      }
      const callOptions =
        options.timeoutMs === undefined
          ? { nodeID: owner }
          : { nodeID: owner, timeout: options.timeoutMs };
      return await broker.call<TellResult, object>(
        `${HOST_SERVICE}.tell`,
        { key, message },
        callOptions,
      );
    } catch (error) {
      if (!isRetryable(error) || Date.now() + backoff > deadline) throw error;
      options.onRetry?.(error);
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 1_000);
    }
  }
}
