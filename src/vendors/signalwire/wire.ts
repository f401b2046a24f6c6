/**
 * SignalWire LaML (Twilio-compatible) Recording resource, field names exactly as seed 003 and specs/signalwire spell
 * them. The seed and the newer spec disagree on some types (channels integer vs "1"/"2", duration string vs integer,
 * a singular `channel`, a wider status enum): the types accept both (DECISIONS.md).
 */

export type SwRecordingStatus = 'queued' | 'in-progress' | 'paused' | 'resumed' | 'stopped' | 'processing' | 'completed' | 'absent';

export interface SwRecording {
  account_sid: string;
  api_version: string;
  call_sid: string | null;
  conference_sid: string | null;
  channels: number | string;
  channel?: string;
  date_created: string;
  date_updated: string;
  start_time?: string | null;
  end_time: string | null;
  duration: string | number | null;
  price: string | number | null;
  price_unit: string;
  sid: string;
  source: string;
  status: SwRecordingStatus;
  error_code: string | number | null;
  uri: string;
  subresource_uris?: { transcriptions?: string };
  trim?: string;
}

export interface SwRecordingList {
  recordings: SwRecording[];
  page?: number;
  page_size?: number;
  next_page_uri: string | null;
}

/** Create a Recording (form-encoded). */
export interface SwCreateRecording {
  RecordingChannels?: 'mono' | 'dual';
  RecordingStatusCallback?: string;
  RecordingStatusCallbackEvent?: string;
  RecordingStatusCallbackMethod?: 'GET' | 'POST';
  RecordingTrack?: 'inbound' | 'outbound' | 'both';
  Trim?: 'trim-silence' | 'do-not-trim';
}

/** Update a Recording (seed 003): Status required, PauseBehavior only meaningful with Status=paused. */
export interface SwUpdateRecording {
  Status: 'paused' | 'in-progress' | 'stopped';
  PauseBehavior?: 'skip' | 'silence';
}

/** Twilio-shaped error body (specs/signalwire CompatibilityErrorResponse). */
export interface SwErrorBody {
  code?: number | string;
  message?: string;
  more_info?: string;
  status?: number;
}
