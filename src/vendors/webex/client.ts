import type { PolicyScope } from '../../domain/policy';
import { previewOf, type VendorCall, type VendorHttp } from '../http';
import type { ConnectionContext, VendorRequestPreview } from '../port';
import { webexFailure } from './errors';
import type { WebexCallControlBody, WebexCallControlOperation, WebexCallRecordingInfo, WebexCallRecordingPut } from './wire';

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

/** Webex APIs at `https://webexapis.com/v1` with a bearer token (README 002). One method per operation. */
export class WebexClient {
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

  getCall(scope: PolicyScope): VendorCall {
    const p = PATHS[scope.kind as RecordingScope];
    const query = this.query();
    return {
      operation: `GET ${p.template}`,
      method: 'GET',
      path: p.build(encodeURIComponent(scope.id)),
      ...(query ? { query } : {}),
      idempotent: true,
      expectJson: true,
    };
  }

  /** A PUT of the same settings leaves the same state: safe to retry. Answers 204. */
  putCall(scope: PolicyScope, body: WebexCallRecordingPut): VendorCall {
    const p = PATHS[scope.kind as RecordingScope];
    const query = this.query();
    return {
      operation: `PUT ${p.template}`,
      method: 'PUT',
      path: p.build(encodeURIComponent(scope.id)),
      ...(query ? { query } : {}),
      body,
      idempotent: true,
    };
  }

  preview(call: VendorCall): VendorRequestPreview {
    return previewOf(this.authorize(call));
  }

  /** Read Call Recording Settings for a Person / Workspace / Virtual Line. */
  async readCallRecordingSettings(scope: PolicyScope): Promise<WebexCallRecordingInfo> {
    return (await this.http.send(this.conn, this.authorize(this.getCall(scope)), webexFailure)).json as WebexCallRecordingInfo;
  }

  /** Configure (person, virtual line) / Modify (workspace) Call Recording Settings. */
  async configureCallRecordingSettings(scope: PolicyScope, body: WebexCallRecordingPut): Promise<void> {
    await this.http.send(this.conn, this.authorize(this.putCall(scope, body)), webexFailure);
  }

  /** `GET /people?max=1` (List People): a harmless read that an admin token may always do. */
  async listPeople(): Promise<void> {
    const query = { ...(this.query() ?? {}), max: '1' };
    await this.http.send(
      this.conn,
      this.authorize({ operation: 'GET /people', method: 'GET', path: '/people', query, idempotent: true, expectJson: true }),
      webexFailure,
    );
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
    await this.http.send(
      this.conn,
      this.authorize({
        operation: `POST /telephony/calls/${operation}`,
        method: 'POST',
        path: `/telephony/calls/${operation}`,
        body,
        idempotent: false,
      }),
      webexFailure,
    );
  }
}
