import { joinUrl, type VendorCall, type VendorHttp } from '../http';
import type { ConnectionContext } from '../port';
import { signalwireFailure } from './errors';
import type { SwCreateRecording, SwRecording, SwRecordingList, SwUpdateRecording } from './wire';

export const LAML_PATH = '/api/laml/2010-04-01';

/**
 * The LaML REST API of one Space (`conn.baseUrl` = https://{space}.signalwire.com), HTTP Basic with project id and API
 * token (README 003). One method per endpoint, named as Twilio's spec names the operation.
 */
export class SignalwireClient {
  constructor(
    private readonly http: VendorHttp,
    private readonly conn: ConnectionContext,
  ) {}

  /** The AccountSid in every path: the `accountSid` setting, else the project id (they are the same for a project). */
  get accountSid(): string {
    return this.conn.settings['accountSid'] || this.conn.credentials['projectId'] || '';
  }

  authHeaders(): Record<string, string> {
    const { projectId = '', apiToken = '' } = this.conn.credentials;
    return { Authorization: `Basic ${Buffer.from(`${projectId}:${apiToken}`).toString('base64')}` };
  }

  private account(): string {
    return `${LAML_PATH}/Accounts/${encodeURIComponent(this.accountSid)}`;
  }

  private async send<T>(call: VendorCall): Promise<T> {
    const res = await this.http.send(
      this.conn,
      { ...call, headers: { ...(call.headers ?? {}), ...this.authHeaders() }, secretHeaders: ['Authorization'] },
      signalwireFailure,
    );
    return res.json as T;
  }

  /** Where a finished recording's audio is (spec "Retrieve a Recording": .wav or .mp3 on the Space's own host). */
  mediaUrl(sid: string, format: 'wav' | 'mp3' = 'wav'): string {
    return joinUrl(this.conn.baseUrl, `${this.account()}/Recordings/${encodeURIComponent(sid)}.${format}`);
  }

  /** FetchAccount: `GET /Accounts/{AccountSid}.json`. */
  async fetchAccount(): Promise<unknown> {
    return this.send({ operation: 'GET /Accounts/{AccountSid}', method: 'GET', path: `${this.account()}.json`, idempotent: true, expectJson: true });
  }

  /**
   * CreateCallRecording. Not idempotent: a repeat starts a second recording, so the HTTP layer never repeats it
   * after a timeout or 5xx; the adapter looks the call's recordings up instead.
   */
  async createCallRecording(callSid: string, form: SwCreateRecording): Promise<SwRecording> {
    return this.send({
      operation: 'POST /Accounts/{AccountSid}/Calls/{CallSid}/Recordings',
      method: 'POST',
      path: `${this.account()}/Calls/${encodeURIComponent(callSid)}/Recordings.json`,
      form: form as Record<string, string>,
      idempotent: false,
      expectJson: true,
    });
  }

  /**
   * list_recordings filtered by `CallSid`: `GET /Accounts/{AccountSid}/Recordings.json?CallSid=`, newest first. The
   * call-scoped list of Twilio's API is not in SignalWire's spec; this one is (DECISIONS.md 8).
   */
  async listRecordings(callSid: string): Promise<SwRecordingList> {
    return this.send({
      operation: 'GET /Accounts/{AccountSid}/Recordings',
      method: 'GET',
      path: `${this.account()}/Recordings.json`,
      query: { CallSid: callSid, PageSize: '50' },
      idempotent: true,
      expectJson: true,
    });
  }

  /** retrieve_recording: `GET /Accounts/{AccountSid}/Recordings/{Sid}.json` (the metadata; the bare path is the media). */
  async retrieveRecording(sid: string): Promise<SwRecording> {
    return this.send({
      operation: 'GET /Accounts/{AccountSid}/Recordings/{Sid}',
      method: 'GET',
      path: `${this.account()}/Recordings/${encodeURIComponent(sid)}.json`,
      idempotent: true,
      expectJson: true,
    });
  }

  /**
   * UpdateCallRecording. Pausing a paused and resuming a running recording change nothing, so those repeat safely;
   * stopping a stopped one is refused, so a stop is never repeated blindly (the adapter reads the recording instead).
   */
  async updateCallRecording(callSid: string, sid: string, form: SwUpdateRecording): Promise<SwRecording> {
    return this.send({
      operation: 'POST /Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{Sid}',
      method: 'POST',
      path: `${this.account()}/Calls/${encodeURIComponent(callSid)}/Recordings/${encodeURIComponent(sid)}.json`,
      form: form as unknown as Record<string, string>,
      idempotent: form.Status !== 'stopped',
      expectJson: true,
    });
  }
}
