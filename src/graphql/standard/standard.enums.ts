import { registerEnumType } from 'type-graphql';
import { RULE_FIELDS, type RuleField } from '../../domain/policy';
import { COVERAGE_STATUSES, STANDARD_MODES } from '../../domain/standard';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const StandardMode = enumOf(STANDARD_MODES);
registerEnumType(StandardMode, {
  name: 'StandardMode',
  description: 'What the service does when a platform no longer matches the standard.',
  valuesConfig: {
    REPORT: { description: 'Drift is reported in compliance; nothing is changed at the vendor.' },
    ENFORCE: {
      description:
        'Drift is corrected at the vendor within one reconcile interval (each correction audited), and new people are brought under the standard.',
    },
  },
});

export const CoverageStatus = enumOf(COVERAGE_STATUSES);
registerEnumType(CoverageStatus, {
  name: 'CoverageStatus',
  description: "How a platform holds one rule of the standard, from its adapter's capabilities.",
  valuesConfig: {
    HONOURED: { description: 'The vendor expresses the rule exactly; it is sent.' },
    APPROXIMATED: {
      description:
        'The vendor comes close in a way its adapter declares (see note); the rule itself is not sent (and blocks the platform when required).',
    },
    NOT_SUPPORTED: { description: 'The vendor cannot hold the rule at all; it is not sent (and blocks the platform when required).' },
  },
});

/** GraphQL enum names cannot hold dots: calls.internal is CALLS_INTERNAL, targets.trunks.periodicBeep TARGETS_TRUNKS_PERIODIC_BEEP. */
export const ruleFieldName = (f: RuleField) =>
  f
    .replace(/\./g, '_')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();
const BY_NAME = new Map(RULE_FIELDS.map((f) => [ruleFieldName(f), f]));
export const ruleFieldOf = (name: string): RuleField => BY_NAME.get(name)!;

export const RecordingRuleField = Object.fromEntries(RULE_FIELDS.map((f) => [ruleFieldName(f), ruleFieldName(f)])) as Record<string, string>;
registerEnumType(RecordingRuleField, {
  name: 'RecordingRuleField',
  description: 'One field of the recording rules (the dotted path is given beside it where it appears).',
  valuesConfig: Object.fromEntries(RULE_FIELDS.map((f) => [ruleFieldName(f), { description: `The rules field ${f}.` }])),
});

export const StandardCompileStatus = { COMPILED: 'COMPILED', BLOCKED: 'BLOCKED', HELD: 'HELD' } as const;
registerEnumType(StandardCompileStatus, {
  name: 'StandardCompileStatus',
  description: 'What compiling the standard did on one connection.',
  valuesConfig: {
    COMPILED: { description: 'Its policies are written and being pushed (sync jobs, or roll-outs for people).' },
    BLOCKED: {
      description:
        'A required rule cannot be honoured exactly there (approximated or not supported): nothing was written (error code VENDOR_UNSUPPORTED_FIELD).',
    },
    HELD: { description: 'The vendor was unavailable; the next reconcile run compiles it again.' },
  },
});
