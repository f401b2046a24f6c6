import { AppError } from './errors';

export const LIVE_STATUSES = ['IN_PROGRESS', 'PAUSED', 'STOPPED'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export type LiveActionKind = 'pause' | 'resume' | 'stop';

/**
 * The recording state machine. SignalWire (seed 003) moves a recording between in-progress, paused and stopped;
 * a stopped recording is final. Pausing a paused recording or resuming a running one changes nothing at the vendor,
 * so we refuse it rather than send a call that cannot have an effect.
 */
const NEXT: Record<LiveStatus, Partial<Record<LiveActionKind, LiveStatus>>> = {
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
        : action === 'pause'
          ? 'it is already paused'
          : action === 'resume'
            ? 'it is not paused'
            : 'that transition is not allowed';
    throw new AppError('INVALID_TRANSITION', `Cannot ${action} a recording that is ${current}: ${why}`, { currentStatus: current, action });
  }
  return next;
}
