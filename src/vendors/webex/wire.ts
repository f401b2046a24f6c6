/**
 * Webex Calling call recording settings (seed 002; specs/webex/{person,workspace,virtual-line}-call-recording.json).
 * Names and enum values exactly as the specs spell them.
 */

export type WebexRecord = 'Always' | 'Never' | 'Always with Pause/Resume' | 'On Demand with User Initiated Start';

/** PUT accepts Beep and Play Announcement; GET may also answer None. */
export type WebexNotificationType = 'None' | 'Beep' | 'Play Announcement';

/** `CallRecordingPut`: every property optional. */
export interface WebexCallRecordingPut {
  enabled?: boolean;
  record?: WebexRecord;
  recordVoicemailEnabled?: boolean;
  /** Person only: in the seed's body list and the person spec's examples, absent from the workspace/virtual-line specs. */
  startStopAnnouncementEnabled?: boolean;
  notification?: { enabled?: boolean; type?: Exclude<WebexNotificationType, 'None'> };
  repeat?: { enabled?: boolean; interval?: number };
  startStopAnnouncement?: { internalCallsEnabled?: boolean; pstnCallsEnabled?: boolean };
}

/** `CallRecordingInfo` (GET). serviceProvider, externalGroup, externalIdentifier and callRecordingAccessSettings are read-only. */
export interface WebexCallRecordingInfo {
  enabled: boolean;
  record: WebexRecord;
  recordVoicemailEnabled: boolean;
  startStopAnnouncementEnabled?: boolean;
  notification: { enabled: boolean; type: WebexNotificationType };
  repeat: { interval: number; enabled: boolean };
  serviceProvider: string;
  externalGroup: string;
  externalIdentifier: string;
  startStopAnnouncement: { internalCallsEnabled: boolean; pstnCallsEnabled: boolean };
  callRecordingAccessSettings?: Record<string, boolean>;
}

/** Webex error body (developer.webex.com "basics"): message, errors[{description}], trackingId. */
export interface WebexErrorBody {
  message?: string;
  errors?: { description?: string; errorCode?: number | string }[];
  trackingId?: string;
}

/** Workspace 409 when the recording vendor's terms of service are not accepted (workspace spec). */
export interface WebexTermsOfServiceConflict {
  vendorId?: string;
  vendorName?: string;
  termsOfServiceUrl?: string;
}

/** Call control (specs/webex/call-control-recording.json): `POST /telephony/calls/{operation}`. */
export type WebexCallControlOperation = 'startRecording' | 'stopRecording' | 'pauseRecording' | 'resumeRecording';

/** Call control body as the spec names it. */
export interface WebexCallControlBody {
  callId: string;
  lineOwnerId?: string;
}
