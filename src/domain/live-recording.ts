import { AppError } from './errors';

/**
 * STARTING: our row exists and the start was (or is about to be) sent; the vendor's answer is not stored yet.
 * FAILED_TO_START: the vendor refused the start, or recovery found that it never happened; final.
 */
export const LIVE_STATUSES = ['STARTING', 'IN_PROGRESS', 'PAUSED', 'STOPPED', 'FAILED_TO_START'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export type LiveActionKind = 'pause' | 'resume' | 'stop';

/**
 * The recording state machine. SignalWire (seed 003) moves a recording between in-progress, paused and stopped;
 * a stopped recording is final. Pausing a paused recording or resuming a running one changes nothing at the vendor,
 * so we refuse it rather than send a call that cannot have an effect.
 */
const NEXT: Record<LiveStatus, Partial<Record<LiveActionKind, LiveStatus>>> = {
  STARTING: {},
  FAILED_TO_START: {},
  IN_PROGRESS: { pause: 'PAUSED', stop: 'STOPPED' },
  PAUSED: { resume: 'IN_PROGRESS', stop: 'STOPPED' },
  STOPPED: {},
};

export function nextStatus(current: LiveStatus, action: LiveActionKind): LiveStatus {
  const next = NEXT[current][action];
  if (!next) {
    const why =
      current === 'STOPPED'
        ? 'a stopped recording is final'
        : current === 'FAILED_TO_START'
          ? 'the recording never started'
          : current === 'STARTING'
            ? 'the vendor has not confirmed the start yet'
            : action === 'pause'
              ? 'it is already paused'
              : action === 'resume'
                ? 'it is not paused'
                : 'that transition is not allowed';
    throw new AppError('INVALID_TRANSITION', `Cannot ${action} a recording that is ${current}: ${why}`, { currentStatus: current, action });
  }
  return next;
}
