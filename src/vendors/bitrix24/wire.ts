/** Bitrix24 REST, names exactly as b24restdocs (api-reference/telephony) spell them. */

/** Every success: `{result, time}` (some list methods add `total`, `next`). */
export interface B24Envelope<T> {
  result: T;
  total?: number;
  next?: number;
  time?: Record<string, number | string>;
}

/** Every failure: `{error, error_description}` with an HTTP error status; `error` may be empty. */
export interface B24ErrorBody {
  error?: string;
  error_description?: string;
}

/** telephony.externalCall.attachRecord parameters (seed 004). FILENAME must end in wav or mp3. */
export interface B24AttachRecordParams {
  CALL_ID: string;
  FILENAME?: string;
  FILE_CONTENT?: string;
  RECORD_URL?: string;
  /** OAuth access token, when not calling through an incoming webhook. */
  auth?: string;
}

/** `FILE_ID` when the file came with the call (FILE_CONTENT or RECORD_URL); `uploadUrl` + `fieldName` otherwise. */
export interface B24AttachRecordResult {
  FILE_ID?: number;
  uploadUrl?: string;
  fieldName?: string;
}

/** voximplant.statistic.get row: only the fields we read. */
export interface B24StatisticRecord {
  CALL_ID: string;
  CALL_RECORD_URL?: string | null;
  RECORD_FILE_ID?: number | string | null;
}

export interface B24Profile {
  ID: string;
  ADMIN?: boolean;
  NAME?: string;
  LAST_NAME?: string;
}
