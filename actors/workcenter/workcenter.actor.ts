// Binds the work-center behaviour to the runtime as an actor kind: initial state from the
// key, message and snapshot validation at the boundary with MW_ACTOR_MESSAGE_INVALID.
import { MillwrightError } from '../../contracts/index.ts';
import type { ActorKind } from '../runtime/index.ts';
import { workCenterBehavior } from './behavior.ts';
import { WorkCenterMessage } from './protocol.ts';
import { initialWorkCenterState, WorkCenterState } from './state.ts';

export const workCenterKind: ActorKind<WorkCenterState, WorkCenterMessage> = {
  name: 'workcenter',
  initialState: (address) => initialWorkCenterState(address.plant, address.workCenter),
  behavior: workCenterBehavior,
  parseMessage(raw) {
    const parsed = WorkCenterMessage.safeParse(raw);
    if (!parsed.success) {
      throw new MillwrightError('MW_ACTOR_MESSAGE_INVALID', 'not a work-center message', {
        issues: parsed.error.issues,
      });
    }
    return parsed.data;
  },
  parseState: (raw) => WorkCenterState.parse(raw),
};
