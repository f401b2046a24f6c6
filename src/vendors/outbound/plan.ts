import type { PolicyScope, RecordingRules } from '../../domain/policy';
import type { ApplyOutcome, ConnectionContext, VendorRequestPreview } from '../port';
import type { VendorResponse } from './client';
import type { VendorCall } from './preview';

/**
 * Policies as plans (issue 15). An adapter says what its vendor's policy endpoints are (a PolicyPlanner: pure but
 * for the one read of the current state); the functions below are the only code that sends a policy's requests.
 * Preview and apply both start from planPolicy and show the plan through the same redaction, so preview shows
 * what apply sends by construction, not by care.
 */

/**
 * How a planned call goes on the wire: the adapter's client, which adds the credentials (header or query), its
 * error hook and any token renewal, and sends through the outbound client (VendorHttp: limiter, breaker, retries,
 * request id). Planned calls carry no credentials.
 */
export interface PlanWire {
  send(call: VendorCall): Promise<VendorResponse>;
  /** The call as preview shows it: as `send` puts it on the wire, credentials redacted (previewOf). */
  preview(call: VendorCall): VendorRequestPreview;
}

/** One adapter's policy endpoints: which read gives a scope's current state, and which writes a policy becomes. */
export interface PolicyPlanner<State> {
  /** The read of the scope's current state at the vendor: readPolicy's request, and a plan's first when it needs one. */
  read(scope: PolicyScope): VendorCall;
  /** The read's answer as the state the writes start from; throws a coded error for an answer it cannot use. */
  stateOf(scope: PolicyScope, answer: VendorResponse): State;
  /**
   * The writes for (scope, rules), in the order apply sends them. `current` is the scope's state at the vendor, read
   * through the executor on first use and then part of the plan (a full-replacement PUT keeps what we do not govern);
   * a planner that never calls it plans without a read. Nothing else here talks to the vendor.
   */
  writes(scope: PolicyScope, rules: RecordingRules, current: () => Promise<State>): Promise<VendorCall[]>;
  /** The state in the neutral model (readPolicy, reconcile). Pure. */
  rulesOf(scope: PolicyScope, state: State): RecordingRules;
}

/** A connection's policy endpoints: what its adapter plans, and the wire the plan goes out on. */
export interface PolicyEndpoints<State> {
  planner: PolicyPlanner<State>;
  wire: PlanWire;
}

/** The vendor requests of one policy: the reads sent to plan it, then the writes apply sends. */
export interface PolicyPlan {
  reads: readonly VendorCall[];
  writes: readonly VendorCall[];
}

/** Sends the planner's read (at most once, when it asks) and returns what it planned. */
export async function planPolicy<S>({ planner, wire }: PolicyEndpoints<S>, scope: PolicyScope, rules: RecordingRules): Promise<PolicyPlan> {
  const reads: VendorCall[] = [];
  let state: Promise<S> | undefined;
  const current = () => {
    state ??= (async () => {
      const read = planner.read(scope);
      reads.push(read);
      return planner.stateOf(scope, await wire.send(read));
    })();
    return state;
  };
  const writes = await planner.writes(scope, rules, current);
  return { reads, writes };
}

/** Every request of the plan, reads first, as preview shows them. */
export function previewPlan(wire: PlanWire, plan: PolicyPlan): VendorRequestPreview[] {
  return [...plan.reads, ...plan.writes].map((call) => wire.preview(call));
}

/** Sends the plan's writes in order; the first refusal stops it. The answer kept is the last write's. */
export async function sendPlan(wire: PlanWire, plan: PolicyPlan): Promise<ApplyOutcome> {
  let response: unknown;
  for (const call of plan.writes) response = (await wire.send(call)).json;
  return { requests: previewPlan(wire, plan), response };
}

/** The port's previewPolicy: the plan, sending nothing but its reads. */
export async function previewPolicyPlan<S>(
  endpoints: PolicyEndpoints<S>,
  scope: PolicyScope,
  rules: RecordingRules,
): Promise<VendorRequestPreview[]> {
  return previewPlan(endpoints.wire, await planPolicy(endpoints, scope, rules));
}

/** The port's applyPolicy: the same plan, sent. */
export async function applyPolicyPlan<S>(endpoints: PolicyEndpoints<S>, scope: PolicyScope, rules: RecordingRules): Promise<ApplyOutcome> {
  return sendPlan(endpoints.wire, await planPolicy(endpoints, scope, rules));
}

/** The port's readPolicy: the planner's read, in the neutral model. */
export async function readPolicyState<S>({ planner, wire }: PolicyEndpoints<S>, scope: PolicyScope): Promise<RecordingRules> {
  return planner.rulesOf(scope, planner.stateOf(scope, await wire.send(planner.read(scope))));
}

/**
 * The base of an adapter that holds policies: the port's previewPolicy, applyPolicy and readPolicy, once for every
 * adapter, over the endpoints it gives per connection. `run` wraps a whole plan (Webex renews its token on a 401
 * and runs the plan again); by default it runs it as is.
 */
export abstract class PlannedPolicies<State> {
  /** The connection's planner and the wire (the adapter's client) its calls go out on. */
  protected abstract policies(conn: ConnectionContext): PolicyEndpoints<State>;

  protected run<T>(conn: ConnectionContext, plan: (conn: ConnectionContext) => Promise<T>): Promise<T> {
    return plan(conn);
  }

  previewPolicy(conn: ConnectionContext, scope: PolicyScope, rules: RecordingRules): Promise<VendorRequestPreview[]> {
    return this.run(conn, (c) => previewPolicyPlan(this.policies(c), scope, rules));
  }

  applyPolicy(conn: ConnectionContext, scope: PolicyScope, rules: RecordingRules): Promise<ApplyOutcome> {
    return this.run(conn, (c) => applyPolicyPlan(this.policies(c), scope, rules));
  }

  readPolicy(conn: ConnectionContext, scope: PolicyScope): Promise<RecordingRules> {
    return this.run(conn, (c) => readPolicyState(this.policies(c), scope));
  }
}
