import type { PolicyScope, RecordingRules } from './policy';

export const LINT_CODES = [
  'EXTERNAL_CALLS_UNANNOUNCED',
  'PAYMENT_QUEUE_CANNOT_PAUSE',
  'CONTRADICTORY_MODE',
  'EXCLUSIONS_UNUSED',
  'NO_RECORDING_SIGNAL',
] as const;
export type LintCode = (typeof LINT_CODES)[number];

export interface LintWarning {
  code: LintCode;
  field: string;
  message: string;
}

const PAYMENT_WORDS = /pay|billing|card|checkout|оплат|касс/i;

/**
 * Warnings a compliance officer would want before a policy goes live. They never block an apply: the policy may
 * be deliberate, and the vendor may announce on its own.
 */
export function lintPolicy(rules: RecordingRules, _scope?: PolicyScope): LintWarning[] {
  const out: LintWarning[] = [];
  const records = rules.mode !== 'NEVER';
  const announced = rules.announcement?.enabled === true || !!rules.announcement?.prompts || rules.startStopAnnouncement?.enabled === true;
  const external = rules.calls?.external === true || rules.calls?.inbound === true || (rules.targets?.trunks?.length ?? 0) > 0;
  if (records && external && !announced) {
    out.push({
      code: 'EXTERNAL_CALLS_UNANNOUNCED',
      field: 'announcement',
      message: 'External callers are recorded without being told: most jurisdictions require an announcement or consent.',
    });
  }
  if (records && rules.startStopAnnouncement?.enabled === true && rules.startStopAnnouncement.externalCalls === false && external) {
    out.push({
      code: 'EXTERNAL_CALLS_UNANNOUNCED',
      field: 'startStopAnnouncement.externalCalls',
      message: 'The start/stop announcement is off for external (PSTN) calls, which are recorded.',
    });
  }
  const paymentQueues = (rules.targets?.queues ?? []).filter((q) => PAYMENT_WORDS.test(q.name ?? ''));
  if (paymentQueues.length && (rules.mode === 'ALWAYS' || rules.mode == null)) {
    out.push({
      code: 'PAYMENT_QUEUE_CANNOT_PAUSE',
      field: 'targets.queues',
      message: `Queue(s) ${paymentQueues.map((q) => q.name).join(', ')} look like they take payments but are recorded in a mode that cannot pause: card numbers would be recorded (PCI DSS).`,
    });
  }
  if (rules.mode === 'NEVER' && Object.values(rules.calls ?? {}).some((v) => v === true)) {
    out.push({
      code: 'CONTRADICTORY_MODE',
      field: 'mode',
      message: 'Mode is NEVER but some calls are selected for recording: nothing will be recorded.',
    });
  }
  if (rules.mode === 'NEVER' && (rules.excludedUserIds?.length ?? 0) > 0) {
    out.push({ code: 'EXCLUSIONS_UNUSED', field: 'excludedUserIds', message: 'Users are excluded from a policy that records nothing.' });
  }
  if (records && rules.periodicBeep?.enabled === false && !announced) {
    out.push({
      code: 'NO_RECORDING_SIGNAL',
      field: 'periodicBeep',
      message: 'Neither an announcement nor a periodic beep tells the parties that the call is recorded.',
    });
  }
  return out;
}
