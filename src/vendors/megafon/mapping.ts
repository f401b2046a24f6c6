import type { FieldProblem } from '../../domain/errors';
import type { PolicyScope, RecordingRules } from '../../domain/policy';
import type { MegafonRecordingSetting, MegafonRecordingSettingPut } from './wire';

/** The only key MegaFon accepts (seed 000: talk_option_button "Только 2"). */
export const MEGAFON_ON_DEMAND_KEY = '2';
/** What we send for a custom message: the examples' "client", not the table's "custom" (DECISIONS.md §1). */
export const MEGAFON_CUSTOM_TYPE = 'client' as const;

const INTEGER = /^[0-9]+$/;

export function checkMegafonPolicy(scope: PolicyScope, rules: RecordingRules): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (scope.kind !== 'SETTINGS_RECORD')
    out.push({ path: ['scope', 'kind'], message: 'MegaFon policies apply to one recording-settings record (SETTINGS_RECORD)' });
  else if (!INTEGER.test(scope.id)) out.push({ path: ['scope', 'id'], message: 'a MegaFon recording-settings id is an integer' });

  if (rules.mode === 'ALWAYS_WITH_PAUSE_RESUME') {
    out.push({ path: ['rules', 'mode'], message: 'MegaFon cannot pause or resume a recording: use ALWAYS, NEVER or ON_DEMAND' });
  }
  const c = rules.calls ?? {};
  if (rules.mode === 'NEVER' && (c.internal === true || c.external === true)) {
    out.push({ path: ['rules', 'calls'], message: 'mode NEVER cannot record internal or external calls' });
  }
  if (rules.mode === 'ALWAYS' && c.internal === false && c.external === false) {
    out.push({ path: ['rules', 'calls'], message: 'mode ALWAYS needs internal or external calls recorded (else use NEVER)' });
  }
  if (rules.onDemandKey != null && rules.onDemandKey !== MEGAFON_ON_DEMAND_KEY) {
    out.push({ path: ['rules', 'onDemandKey'], message: `MegaFon's on-demand key is always "${MEGAFON_ON_DEMAND_KEY}"` });
  }
  (rules.excludedUserIds ?? []).forEach((id, i) => {
    if (!INTEGER.test(id)) out.push({ path: ['rules', 'excludedUserIds', i], message: 'a MegaFon employee id is an integer' });
  });
  const media = rules.announcement?.media;
  if (media) {
    if (media.source === 'CUSTOM' && !media.mediaId) {
      out.push({
        path: ['rules', 'announcement', 'media', 'mediaId'],
        message: 'a custom message needs a media id from the audio library ("Моя аудиотека")',
      });
    } else if (media.source === 'CUSTOM' && !INTEGER.test(media.mediaId ?? '')) {
      out.push({ path: ['rules', 'announcement', 'media', 'mediaId'], message: 'a MegaFon media file id is an integer' });
    } else if (media.source === 'SYSTEM' && media.mediaId && !INTEGER.test(media.mediaId)) {
      out.push({ path: ['rules', 'announcement', 'media', 'mediaId'], message: 'a MegaFon standard melody id (GET /melodies/system) is an integer' });
    }
  }
  return out;
}

/**
 * Overlays the governed fields onto the current record: PUT is a full replacement (README 000), so every field the
 * policy does not govern is sent back with the value it has now. Mode and the call flags (DECISIONS.md §3):
 * internal/external are the automatic-recording flags; ON_DEMAND is the key-press option; a mode sets the flags the
 * policy leaves ungoverned to its natural value (ALWAYS: on, NEVER and ON_DEMAND: off), governed flags win.
 */
export function toMegafonPut(current: MegafonRecordingSetting, rules: RecordingRules): MegafonRecordingSettingPut {
  const c = rules.calls ?? {};
  const modeFlag = rules.mode === 'ALWAYS' ? true : rules.mode === 'NEVER' || rules.mode === 'ON_DEMAND' ? false : undefined;
  const internal = c.internal ?? modeFlag ?? current.is_internal_calls_recording_enabled;
  const external = c.external ?? modeFlag ?? current.is_external_calls_recording_enabled;
  const talk = rules.mode != null ? rules.mode === 'ON_DEMAND' : current.is_talk_option_enabled;

  const a = rules.announcement ?? {};
  const notify = a.enabled ?? current.is_recording_notification_enabled;
  let type = current.recording_notification_audio_message_type;
  let fileId = current.recording_notification_media_file_id;
  if (a.media) {
    type = a.media.source === 'CUSTOM' ? MEGAFON_CUSTOM_TYPE : 'system';
    // SYSTEM may name a melody of the standard catalogue (GET /melodies/system, README 000) or none.
    fileId = a.media.mediaId ? Number(a.media.mediaId) : null;
  }

  const body: Omit<MegafonRecordingSettingPut, 'id'> = {
    is_internal_calls_recording_enabled: internal,
    is_external_calls_recording_enabled: external,
    no_recording_employee_ids: rules.excludedUserIds ? rules.excludedUserIds.map(Number) : [...(current.no_recording_employee_ids ?? [])],
    is_talk_option_enabled: talk,
    // Always "2" (seed 000); whatever the record holds, it is the only value the PUT accepts.
    talk_option_button: MEGAFON_ON_DEMAND_KEY,
    is_recording_notification_enabled: notify,
  };
  // Required only when notification is on (seed 000), but a replacement must not drop a stored choice.
  if (type != null) body.recording_notification_audio_message_type = type;
  if (fileId != null) body.recording_notification_media_file_id = fileId;
  if (current.recording_notification_text != null) body.recording_notification_text = current.recording_notification_text;
  if (current.recording_notification_text_voice_id != null) body.recording_notification_text_voice_id = current.recording_notification_text_voice_id;
  // Integer, as the table and the response say; the example's "51" string is the odd one out (DECISIONS.md §2).
  return { ...body, id: Number(current.id) };
}

export function fromMegafon(record: MegafonRecordingSetting): RecordingRules {
  const internal = !!record.is_internal_calls_recording_enabled;
  const external = !!record.is_external_calls_recording_enabled;
  const talk = !!record.is_talk_option_enabled;
  const type = record.recording_notification_audio_message_type;
  const rules: RecordingRules = {
    calls: { internal, external },
    mode: talk ? 'ON_DEMAND' : internal || external ? 'ALWAYS' : 'NEVER',
    onDemandKey: record.talk_option_button ? String(record.talk_option_button) : MEGAFON_ON_DEMAND_KEY,
    excludedUserIds: (record.no_recording_employee_ids ?? []).map((id) => String(id)),
    announcement: { enabled: !!record.is_recording_notification_enabled },
  };
  const mediaId = record.recording_notification_media_file_id != null ? { mediaId: String(record.recording_notification_media_file_id) } : {};
  if (type === 'system') rules.announcement!.media = { source: 'SYSTEM', ...mediaId };
  else if (type === 'client' || type === 'custom') rules.announcement!.media = { source: 'CUSTOM', ...mediaId };
  return rules;
}

/** The list answer is a bare array; the id may come back as a string too (seed 000 example). */
export function pickRecord(list: unknown, id: string): MegafonRecordingSetting | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.find((r) => r && typeof r === 'object' && String((r as { id?: unknown }).id) === id) as MegafonRecordingSetting | undefined;
}
