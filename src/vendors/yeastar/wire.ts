/**
 * Yeastar P-Series OpenAPI, auto recording (seed 001; README 001). Names exactly as the docs spell them; flags are
 * integers 0/1, never booleans.
 */

export type YeastarFlag = 0 | 1;

export interface YeastarResult {
  errcode: number;
  errmsg: string;
  invalid_param_list?: { field: string; validation_type?: string; value?: string }[];
}

/** `POST get_token` {username, password} (the API client id and secret). */
export interface YeastarGetTokenRequest {
  username: string;
  password: string;
}

/** `POST refresh_token` {refresh_token}. */
export interface YeastarRefreshTokenRequest {
  refresh_token: string;
}

export interface YeastarTokenResponse extends YeastarResult {
  access_token_expire_time: number;
  access_token: string;
  refresh_token_expire_time: number;
  refresh_token: string;
}

export interface YeastarTrunk {
  id: number;
  type?: string;
  text?: string;
  /** Periodic beep while recording. */
  enb_config?: YeastarFlag;
  /** Beep interval, seconds. */
  number_value?: number;
}

export type YeastarExtensionType = 'extension' | 'ext_group' | 'organization';

export interface YeastarExtension {
  id: number;
  type: YeastarExtensionType;
  text?: string;
  text2?: string;
}

export interface YeastarNamedItem {
  id: number;
  text?: string;
}

/** The body of `POST autorecord/update` (every parameter optional) and `auto_record` of `GET autorecord/get`. */
export interface YeastarAutoRecord {
  enb_internal?: YeastarFlag;
  internal_prompt?: string;
  outbound_prompt?: string;
  inbound_prompt?: string;
  enb_channel_separate?: YeastarFlag;
  record_file_format?: 'wav' | 'mp3';
  enb_paging?: YeastarFlag;
  record_trunk_list?: YeastarTrunk[];
  record_ext_list?: YeastarExtension[];
  record_conference_list?: YeastarNamedItem[];
  record_queue_list?: YeastarNamedItem[];
  record_ivr_list?: YeastarNamedItem[];
}

export interface YeastarAutoRecordGetResponse extends YeastarResult {
  auto_record: YeastarAutoRecord;
}
