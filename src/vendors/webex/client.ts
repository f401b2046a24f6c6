import type { PolicyScope } from '../../domain/policy';
import { previewOf, type PlanWire, type VendorCall, type VendorHttp, type VendorResponse } from '../http';
import type { ConnectionContext, VendorRequestPreview } from '../port';
import { webexFailure } from './errors';
import type { WebexCallControlBody, WebexCallControlOperation, WebexCallRecordingPut } from './wire';

type RecordingScope = 'PERSON' | 'WORKSPACE' | 'VIRTUAL_LINE';

/** Paths per scope, as specs/webex spell them (note the workspace path's plural "callRecordings"). */
const PATHS: Record<RecordingScope, { template: string; build: (id: string) => string }> = {
  PERSON: { template: '/people/{personId}/features/callRecording', build: (id) => `/people/${id}/features/callRecording` },
  WORKSPACE: {
    template: '/telephony/config/workspaces/{workspaceId}/features/callRecordings',
    build: (id) => `/telephony/config/workspaces/${id}/features/callRecordings`,
  },
  VIRTUAL_LINE: {
    template: '/telephony/config/virtualLines/{virtualLineId}/callRecording',
    build: (id) => `/telephony/config/virtualLines/${id}/callRecording`,
  },
};

/**
 * Webex APIs at `https://webexapis.com/v1` with a bearer token (README 002). One method per operation; the policy
 * plan's calls (adapter.ts) go out through `send`.
 */
export class WebexClient implements PlanWire {
  constructor(
    private readonly http: VendorHttp,
    private readonly conn: ConnectionContext,
  ) {}

  /** Auth hook. */
  private authorize(call: VendorCall): VendorCall {
    return {
      ...call,
      headers: { ...(call.headers ?? {}), Authorization: `Bearer ${this.conn.credentials.accessToken ?? ''}` },
      secretHeaders: ['Authorization'],
    };
  }

  /** `orgId` only when the connection names one (partner administrators; the default is the token's org). */
  private query(): Record<string, string> | undefined {
    return this.conn.settings.orgId ? { orgId: this.conn.settings.orgId } : undefined;
  }

  /** The scope's call recording settings: a read, or a PUT that leaves the same state when repeated (safe to retry). */
  private settingsCall(method: 'GET' | 'PUT', scope: PolicyScope): VendorCall {
    const p = PATHS[scope.kind as RecordingScope];
    const query = this.query();
    return {
      operation: `${method} ${p.template}`,
      method,
      path: p.build(encodeURIComponent(scope.id)),
      ...(query ? { query } : {}),
      idempotent: true,
    };
  }

  /** Read Call Recording Settings for a Person / Workspace / Virtual Line. */
  getCall(scope: PolicyScope): VendorCall {
    return { ...this.settingsCall('GET', scope), expectJson: true };
  }

  /** Configure (person, virtual line) / Modify (workspace) Call Recording Settings. Answers 204. */
  putCall(scope: PolicyScope, body: WebexCallRecordingPut): VendorCall {
    return { ...this.settingsCall('PUT', scope), body };
  }

  preview(call: VendorCall): VendorRequestPreview {
    return previewOf(this.authorize(call));
  }

  send(call: VendorCall): Promise<VendorResponse> {
    return this.http.send(this.conn, this.authorize(call), webexFailure);
  }

  /** `GET /people?max=1` (List People): a harmless read that an admin token may always do. */
  async listPeople(): Promise<void> {
    const query = { ...(this.query() ?? {}), max: '1' };
    await this.send({ operation: 'GET /people', method: 'GET', path: '/people', query, idempotent: true, expectJson: true });
  }

  /** `GET /people` (List People), one page of the directory walk (directory.ts); `path` and `query` from its links. */
  peoplePageCall(path: string, query: Record<string, string>): VendorCall {
    return this.authorize({ operation: 'GET /people', method: 'GET', path, query, idempotent: true, expectJson: true });
  }

  workspacesPageCall(path: string, query: Record<string, string>): VendorCall {
    return this.authorize({ operation: 'GET /workspaces', method: 'GET', path, query, idempotent: true, expectJson: true });
  }

  /**
   * Call control recording (live.ts): `POST /telephony/calls/{operation}`, 204 and no body. Never repeated after a
   * timeout or 5xx: a repeat of an applied action is a 400.
   */
  async callControl(operation: WebexCallControlOperation, body: WebexCallControlBody): Promise<void> {
    await this.send({
      operation: `POST /telephony/calls/${operation}`,
      method: 'POST',
      path: `/telephony/calls/${operation}`,
      body,
      idempotent: false,
    });
  }
}
