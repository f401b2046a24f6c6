import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ITEM_STATUSES, ROLLOUT_STATUSES, type RolloutStats } from '../../domain/rollout';
import { DateTime } from '../common/scalars';
import { connectionOf } from '../common/pagination';
import { ErrorCode } from '../common/enums';
import type { ApiErrorCode } from '../../domain/errors';
import { VendorError } from '../connection/connection.type';
import { FieldDiff, VendorRequest } from '../policy/policy.type';
import { RecordingRules } from '../policy/rules.type';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const PolicyRolloutStatus = enumOf(ROLLOUT_STATUSES);
registerEnumType(PolicyRolloutStatus, {
  name: 'PolicyRolloutStatus',
  description: 'Where a roll-out stands.',
  valuesConfig: {
    RUNNING: { description: 'People are being read and written, at the rate the vendor allows.' },
    PAUSED: { description: 'Stopped after the people in flight; resume continues where it stopped. lastError says why when the service paused it.' },
    CANCELLED: { description: 'Stopped for good; people not reached stay PENDING.' },
    COMPLETED: { description: 'Every person in scope has the policy (written, or already in sync).' },
    COMPLETED_WITH_ERRORS: { description: 'Every person was tried; some FAILED (see outcomes(status: FAILED)).' },
  },
});

export const PolicyRolloutOutcomeStatus = enumOf(ITEM_STATUSES);
registerEnumType(PolicyRolloutOutcomeStatus, {
  name: 'PolicyRolloutOutcomeStatus',
  description: 'What happened for one person.',
  valuesConfig: {
    PENDING: { description: "Not reached yet, or waiting for the vendor to be available again (see history and the roll-out's waiting)." },
    WRITTEN: { description: 'The settings differed and were written.' },
    ALREADY_IN_SYNC: { description: 'The settings were read and already as desired: nothing was written.' },
    FAILED: {
      description:
        'The vendor answered about this person: it refused these settings, or the person does not exist; see error. An unavailable vendor never fails a person. retryFailedRolloutPeople tries FAILED people again.',
    },
  },
});

export const PolicyRolloutAttemptOutcome = enumOf(['WRITTEN', 'ALREADY_IN_SYNC', 'FAILED', 'WAITING'] as const);
registerEnumType(PolicyRolloutAttemptOutcome, {
  name: 'PolicyRolloutAttemptOutcome',
  description: 'What one attempt at one person answered.',
  valuesConfig: {
    WRITTEN: { description: 'The settings differed and were written.' },
    ALREADY_IN_SYNC: { description: 'The settings were already as desired: nothing was written.' },
    FAILED: { description: 'The vendor refused these settings, or the person does not exist.' },
    WAITING: { description: 'The vendor was unavailable; the person stayed pending.' },
  },
});

@ObjectType({ description: 'Who a roll-out reaches.' })
export class PolicyRolloutScope {
  @Field(() => Boolean, { description: 'Every person in the directory.' }) all!: boolean;
  @Field(() => String, { nullable: true, description: 'Everyone in this vendor location.' }) locationId!: string | null;
  @Field(() => Int, { nullable: true, description: 'How many people were named (personIds).' }) personCount!: number | null;
}

@ObjectType({ description: 'What one attempt at one person answered.' })
export class PolicyRolloutAttempt {
  @Field(() => Int, { description: "The person's attempt number." }) attempt!: number;
  @Field(() => Int, { description: '0 for the roll-out itself, then one per retryFailedRolloutPeople.' }) round!: number;
  @Field(() => DateTime, { description: 'When it was answered.' }) at!: Date;
  @Field(() => PolicyRolloutAttemptOutcome, { description: 'What it answered.' })
  outcome!: string;
  @Field(() => ErrorCode, { nullable: true, description: 'Our error code, when the attempt did not succeed.' }) code!: ApiErrorCode | null;
  @Field(() => String, { description: 'What the vendor answered, in words.', nullable: true }) message!: string | null;
  @Field(() => Int, { description: 'Vendor requests this attempt sent.' }) requests!: number;
}

@ObjectType({ description: 'Why a running roll-out is waiting instead of working, and when it tries again by itself.' })
export class PolicyRolloutWaiting {
  @Field(() => String, { description: 'What the vendor answered, in words (no URLs or credentials).' }) reason!: string;
  @Field(() => ErrorCode, {
    description: 'VENDOR_UNAVAILABLE (down, throttling, too many recent failures), VENDOR_AUTH_FAILED (credentials refused), ...',
  })
  code!: ApiErrorCode;
  @Field(() => DateTime, { description: 'When the waiting began.' }) since!: Date;
  @Field(() => DateTime, { description: 'When workers try the vendor again (sooner at first, at most every 30 seconds).' }) nextAttemptAt!: Date;
}

@ObjectType({ description: 'What happened for one person.' })
export class PolicyRolloutOutcome {
  @Field(() => String, { description: "The vendor's person id." }) personId!: string;
  @Field(() => PolicyRolloutOutcomeStatus, { description: 'What happened.' }) status!: string;
  @Field(() => Int, { description: 'Times a worker took this person up.' }) attempts!: number;
  @Field(() => Int, { description: 'Vendor requests sent for this person (a read, and a write when it differed).' }) requests!: number;
  @Field(() => [FieldDiff], { description: 'What the write changed (empty when nothing was written).' }) changes!: FieldDiff[];
  @Field(() => VendorError, { nullable: true, description: "The vendor's error (the last one, while a retry is pending)." })
  error!: VendorError | null;
  @Field(() => DateTime, { description: 'When the person got a final outcome.', nullable: true }) finishedAt!: Date | null;
  @Field(() => [PolicyRolloutAttempt], { description: 'What each attempt answered, oldest first (the last 20).' }) history!: PolicyRolloutAttempt[];
}

@ObjectType({ description: "A page of a roll-out's per-person outcomes (Relay connection)." })
export class PolicyRolloutOutcomeConnection extends connectionOf(PolicyRolloutOutcome, 'PolicyRolloutOutcome', 'per-person outcome') {}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'One policy rolled out to many people of one vendor connection, as one resumable job.' })
export class PolicyRollout {
  @Field(() => ID, { description: 'The roll-out.' }) id!: string;
  tenantId!: string;
  connectionId!: string;
  listed!: boolean;
  storedTotal!: number;
  /** Counts read together with the row (subscriptions), else loaded per request. */
  stats?: RolloutStats;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => RecordingRules, { description: 'The policy every person in scope gets.' }) rules!: RecordingRules;
  @Field(() => PolicyRolloutScope, { description: 'Who it reaches.' }) scope!: PolicyRolloutScope;
  @Field(() => PolicyRolloutStatus, { description: 'Where it stands.' }) status!: string;
  @Field(() => Float, { description: "Requests per second the vendor allows this connection: the roll-out's pace, shared by every replica." })
  allowedRequestsPerSecond!: number;
  @Field(() => VendorError, { nullable: true, description: 'Why the service paused it (the vendor refused the scope), or the last directory error.' })
  lastError!: VendorError | null;
  @Field(() => PolicyRolloutWaiting, {
    nullable: true,
    description:
      'Set while it runs but waits for an unavailable vendor (nobody is marked failed for that); it goes on by itself when the vendor answers again.',
  })
  waiting!: PolicyRolloutWaiting | null;
  @Field(() => Boolean, { description: 'True while waiting is set.' }) isWaiting!: boolean;
  @Field(() => Int, { description: '0, then one more per retryFailedRolloutPeople.' }) round!: number;
  @Field(() => DateTime, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => DateTime, { description: 'When it last changed.' }) updatedAt!: Date;
  @Field(() => DateTime, { description: 'When it reached a final status.', nullable: true }) finishedAt!: Date | null;
}

@ObjectType({ description: "A page of a tenant's roll-outs (Relay connection)." })
export class PolicyRolloutConnection extends connectionOf(PolicyRollout, 'PolicyRollout', 'roll-out') {}

@ObjectType({ description: 'The roll-out paused.' })
export class PausePolicyRolloutPayload {
  @Field(() => PolicyRollout, { description: 'The roll-out, PAUSED.' }) rollout!: PolicyRollout;
}

@ObjectType({ description: 'The roll-out running again.' })
export class ResumePolicyRolloutPayload {
  @Field(() => PolicyRollout, { description: 'The roll-out, RUNNING.' }) rollout!: PolicyRollout;
}

@ObjectType({ description: 'The roll-out cancelled.' })
export class CancelPolicyRolloutPayload {
  @Field(() => PolicyRollout, { description: 'The roll-out, CANCELLED.' }) rollout!: PolicyRollout;
}

@ObjectType({ description: 'What one person would get.' })
export class PolicyRolloutSample {
  @Field(() => String, { description: "The vendor's person id." }) personId!: string;
  @Field(() => [VendorRequest], {
    description: 'Exactly what would be written for this person (each person is read first; the write is skipped when equal).',
  })
  requests!: VendorRequest[];
}

@ObjectType({ description: 'A dry run: how many people, how long, and the exact requests for a few of them. Nothing was written.' })
export class PolicyRolloutPlan {
  @Field(() => Int, { description: 'People in scope.' }) total!: number;
  @Field(() => Float, { description: 'Requests per second the vendor allows this connection.' }) allowedRequestsPerSecond!: number;
  @Field(() => Int, { description: 'At one read and one write per person, at the allowed rate.' }) estimatedSeconds!: number;
  @Field(() => [PolicyRolloutSample], { description: 'The exact requests for a few people.' }) sample!: PolicyRolloutSample[];
}

@ObjectType({ description: "The roll-out's failed people put back to work." })
export class RetryFailedRolloutPeoplePayload {
  @Field(() => PolicyRollout, { description: 'RUNNING again, for its failed people only.' }) rollout!: PolicyRollout;
  @Field(() => Int, { description: 'People put back to PENDING (those that were FAILED).' }) retried!: number;
}

@ObjectType({ description: 'The roll-out started, or the dry run.' })
export class StartPolicyRolloutPayload {
  @Field(() => PolicyRollout, { nullable: true, description: 'The roll-out started (null on a dry run).' }) rollout!: PolicyRollout | null;
  @Field(() => PolicyRolloutPlan, { nullable: true, description: 'The dry run (null when started).' }) dryRun!: PolicyRolloutPlan | null;
}
