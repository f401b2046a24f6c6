/**
 * MegaFon Virtual PBX Data API, recording settings (seed 000; README 000). Field names exactly as the docs spell them.
 */

/** `recording_notification_audio_message_type`: the table says system/custom, both examples say "client" (DECISIONS.md). */
export type MegafonAudioMessageType = 'system' | 'custom' | 'client';

/** One record of `GET /settings/recording` (a bare array), and the body of `PUT /settings/recording/{id}`'s answer. */
export interface MegafonRecordingSetting {
  is_internal_calls_recording_enabled: boolean;
  is_external_calls_recording_enabled: boolean;
  no_recording_employee_ids: number[];
  is_talk_option_enabled: boolean;
  /** Only "2". */
  talk_option_button: string;
  is_recording_notification_enabled: boolean;
  recording_notification_audio_message_type: MegafonAudioMessageType | null;
  recording_notification_media_file_id: number | null;
  /** Documented as not used yet. */
  recording_notification_text: string | null;
  recording_notification_text_voice_id: number | null;
  id: number;
}

/** `PUT /settings/recording/{id}`: a full replacement; the optional, unused fields are sent only when set. */
export interface MegafonRecordingSettingPut {
  is_internal_calls_recording_enabled: boolean;
  is_external_calls_recording_enabled: boolean;
  no_recording_employee_ids: number[];
  is_talk_option_enabled: boolean;
  talk_option_button: string;
  is_recording_notification_enabled: boolean;
  recording_notification_audio_message_type?: MegafonAudioMessageType | null;
  recording_notification_media_file_id?: number | null;
  recording_notification_text?: string | null;
  recording_notification_text_voice_id?: number | null;
  id: number;
}
