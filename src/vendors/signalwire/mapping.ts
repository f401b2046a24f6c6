import { AppError } from '../../domain/errors';
import type { LiveAction, PauseBehavior, VendorRecordingState, VendorRecordingStatus } from '../port';
import type { SwCreateRecording, SwRecording, SwUpdateRecording } from './wire';

const STATUS: Record<string, VendorRecordingStatus> = {
  queued: 'IN_PROGRESS',
  'in-progress': 'IN_PROGRESS',
  resumed: 'IN_PROGRESS',
  paused: 'PAUSED',
  stopped: 'STOPPED',
  processing: 'STOPPED',
  completed: 'STOPPED',
  absent: 'STOPPED',
};

/** Statuses in which the recording still runs (or is paused) on the call. */
export const ACTIVE_STATUSES = new Set(['queued', 'in-progress', 'resumed', 'paused']);

/** RFC 2822 as the seed prints it, including its "Sept" spelling. */
export function parseRfc2822(value: string | null | undefined): Date | null {
  if (!value) return null;
  const ms = Date.parse(value.replace(/\bSept\b/, 'Sep'));
  return Number.isNaN(ms) ? null : new Date(ms);
}

export function toCreateForm(call: { channels?: number }, settings: Record<string, string>): SwCreateRecording {
  const form: SwCreateRecording = { RecordingChannels: call.channels === 2 ? 'dual' : 'mono' };
  if (settings['recordingStatusCallback']) form.RecordingStatusCallback = settings['recordingStatusCallback'];
  return form;
}

export function toUpdateForm(action: LiveAction): SwUpdateRecording {
  switch (action.kind) {
    case 'pause':
      return { Status: 'paused', PauseBehavior: action.behavior === 'SKIP' ? 'skip' : 'silence' };
    case 'resume':
      return { Status: 'in-progress' };
    case 'stop':
      return { Status: 'stopped' };
  }
}

export function toRecordingState(rec: SwRecording, mediaUrl: (sid: string) => string, pauseBehavior?: PauseBehavior | null): VendorRecordingState {
  const status = STATUS[rec.status];
  if (!status)
    throw new AppError('VENDOR_UNAVAILABLE', `SignalWire answered an unknown recording status`, {
      vendor: 'SIGNALWIRE',
      vendorCode: String(rec.status).slice(0, 40),
    });
  const channels = Number(rec.channels ?? rec.channel);
  const duration = rec.duration === null || rec.duration === undefined ? NaN : Number(rec.duration);
  return {
    callId: rec.call_sid ?? '',
    recordingId: rec.sid,
    status,
    pauseBehavior: status === 'PAUSED' ? (pauseBehavior ?? null) : null,
    channels: Number.isInteger(channels) && channels > 0 ? channels : null,
    durationSeconds: Number.isFinite(duration) && duration >= 0 ? duration : null,
    startedAt: parseRfc2822(rec.start_time ?? rec.date_created),
    endedAt: parseRfc2822(rec.end_time),
    mediaUrl: status === 'STOPPED' ? mediaUrl(rec.sid) : null,
    raw: rec,
  };
}
