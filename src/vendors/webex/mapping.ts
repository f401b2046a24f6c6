import type { FieldProblem } from '../../domain/errors';
import type { PolicyScope, RecordingMode, RecordingRules } from '../../domain/policy';
import type { WebexCallRecordingInfo, WebexCallRecordingPut, WebexRecord } from './wire';

/** The feature access code that starts an on-demand recording (spec: "recording start (`*44`)"). */
export const WEBEX_ON_DEMAND_KEY = '*44';
export const WEBEX_REPEAT_MIN = 10;
export const WEBEX_REPEAT_MAX = 1800;

const RECORD: Record<RecordingMode, WebexRecord> = {
  ALWAYS: 'Always',
  NEVER: 'Never',
  ALWAYS_WITH_PAUSE_RESUME: 'Always with Pause/Resume',
  ON_DEMAND: 'On Demand with User Initiated Start',
};
const MODE: Record<WebexRecord, RecordingMode> = {
  Always: 'ALWAYS',
  Never: 'NEVER',
  'Always with Pause/Resume': 'ALWAYS_WITH_PAUSE_RESUME',
  'On Demand with User Initiated Start': 'ON_DEMAND',
};

export function checkWebexPolicy(scope: PolicyScope, rules: RecordingRules): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (scope.kind !== 'PERSON' && scope.kind !== 'WORKSPACE' && scope.kind !== 'VIRTUAL_LINE') {
    out.push({ path: ['scope', 'kind'], message: 'Webex recording settings belong to a person, a workspace or a virtual line' });
  } else if (!scope.id) {
    out.push({ path: ['scope', 'id'], message: `a Webex ${scope.kind.toLowerCase().replace('_', ' ')} id is required` });
  }
  if (rules.onDemandKey != null && rules.onDemandKey !== WEBEX_ON_DEMAND_KEY) {
    out.push({ path: ['rules', 'onDemandKey'], message: `Webex starts an on-demand recording with "${WEBEX_ON_DEMAND_KEY}" only` });
  }
  const iv = rules.periodicBeep?.intervalSeconds;
  if (iv != null && !(Number.isInteger(iv) && iv >= WEBEX_REPEAT_MIN && iv <= WEBEX_REPEAT_MAX)) {
    out.push({
      path: ['rules', 'periodicBeep', 'intervalSeconds'],
      message: `the Webex beep interval is a whole number of seconds from ${WEBEX_REPEAT_MIN} to ${WEBEX_REPEAT_MAX}`,
    });
  }
  if (scope.kind !== 'PERSON' && rules.startStopAnnouncement?.enabled != null) {
    out.push({
      path: ['rules', 'startStopAnnouncement', 'enabled'],
      message: 'Webex has no start/stop announcement switch for workspaces and virtual lines: govern internalCalls and externalCalls instead',
    });
  }
  return out;
}

/** A GET is needed only where leaving a key out would change it: notification.type resets to Beep (spec). */
export function needsCurrent(rules: RecordingRules): boolean {
  return rules.pauseResumeNotification?.enabled === true && rules.pauseResumeNotification.type == null;
}

/**
 * Webex PUTs are partial (no property of CallRecordingPut is required): only governed fields are sent, nested objects
 * with only their governed keys, as the spec's own example sends `repeat: {enabled: true}` without an interval.
 * The one exception is notification.type, which the spec says becomes Beep when left out with enabled true: it is
 * carried over from the current settings. GET's read-only fields are never sent.
 */
export function toWebexPut(scope: PolicyScope, rules: RecordingRules, current?: WebexCallRecordingInfo): WebexCallRecordingPut {
  // Keys in the order of the seed's example body.
  const body: WebexCallRecordingPut = {};
  if (rules.mode != null) {
    body.enabled = rules.mode !== 'NEVER';
    body.record = RECORD[rules.mode];
  }
  const n = rules.pauseResumeNotification;
  if (n) {
    body.notification = { enabled: n.enabled };
    const type = n.type === 'ANNOUNCEMENT' ? 'Play Announcement' : n.type === 'BEEP' ? 'Beep' : current?.notification?.type;
    if (type && type !== 'None') body.notification.type = type;
  }
  const ssa = rules.startStopAnnouncement;
  if (scope.kind === 'PERSON' && ssa?.enabled != null) body.startStopAnnouncementEnabled = ssa.enabled;
  if (rules.calls?.voicemail != null) body.recordVoicemailEnabled = rules.calls.voicemail;
  const b = rules.periodicBeep;
  if (b) {
    body.repeat = { enabled: b.enabled };
    if (b.intervalSeconds != null) body.repeat.interval = b.intervalSeconds;
  }
  if (ssa?.internalCalls != null || ssa?.externalCalls != null) {
    body.startStopAnnouncement = {};
    if (ssa.internalCalls != null) body.startStopAnnouncement.internalCallsEnabled = ssa.internalCalls;
    if (ssa.externalCalls != null) body.startStopAnnouncement.pstnCallsEnabled = ssa.externalCalls;
  }
  return body;
}

export function fromWebex(scope: PolicyScope, info: WebexCallRecordingInfo): RecordingRules {
  const rules: RecordingRules = {
    mode: info.enabled === false ? 'NEVER' : (MODE[info.record] ?? 'NEVER'),
    onDemandKey: WEBEX_ON_DEMAND_KEY,
    calls: { voicemail: !!info.recordVoicemailEnabled },
  };
  const ssa = info.startStopAnnouncement;
  rules.startStopAnnouncement = {
    ...(scope.kind === 'PERSON' && info.startStopAnnouncementEnabled != null ? { enabled: !!info.startStopAnnouncementEnabled } : {}),
    ...(ssa ? { internalCalls: !!ssa.internalCallsEnabled, externalCalls: !!ssa.pstnCallsEnabled } : {}),
  };
  if (info.notification) {
    const t = info.notification.type;
    rules.pauseResumeNotification = {
      enabled: !!info.notification.enabled,
      ...(t === 'Beep' ? { type: 'BEEP' as const } : t === 'Play Announcement' ? { type: 'ANNOUNCEMENT' as const } : {}),
    };
  }
  if (info.repeat) {
    rules.periodicBeep = {
      enabled: !!info.repeat.enabled,
      ...(info.repeat.interval != null ? { intervalSeconds: Number(info.repeat.interval) } : {}),
    };
  }
  return rules;
}
