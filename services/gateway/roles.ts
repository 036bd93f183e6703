// The four gateway roles and their order: each role may do what the roles below it may.
// viewer reads; operator acts on the floor (release orders, replay dead letters); integrator
// loads master data and mappings; admin manages the node. Nothing here knows about HTTP.
import { z } from 'zod';

export const Role = z.enum(['viewer', 'operator', 'integrator', 'admin']);
export type Role = z.infer<typeof Role>;

const RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, integrator: 2, admin: 3 };

/** True when `held` is `required` or above it. */
export function roleAllows(held: Role, required: Role): boolean {
  return RANK[held] >= RANK[required];
}

/** The highest of several roles (a JWT may carry a list); undefined for none. */
export function highestRole(roles: readonly Role[]): Role | undefined {
  let best: Role | undefined;
  for (const role of roles) if (best === undefined || RANK[role] > RANK[best]) best = role;
  return best;
}
