import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { RecordingStandardRow } from '../../store/schema';
import { DateTime } from '../common/scalars';
import { PolicyScopeKind, VendorKind } from '../common/enums';
import { PageInfo } from '../common/pagination';
import { VendorConnection } from '../connection/connection.type';
import { LintWarning, PolicyScope, RecordingPolicy, VendorRequest } from '../policy/policy.type';
import { RecordingRules } from '../policy/rules.type';
import { User } from '../user/user.type';
import { CoverageStatus, RecordingRuleField, StandardCompileStatus, StandardMode } from './standard.enums';

@ObjectType({ description: 'A person the standard names: by e-mail, or by the id of the User a directory subgraph owns.' })
export class StandardPerson {
  @Field(() => String, { nullable: true, description: 'E-mail address, resolved against each vendor directory.' }) email!: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'Id of the federated User entity, resolved to its e-mail by the directory subgraph (USER_DIRECTORY_URL), then found at each platform by it.',
  })
  userId!: string | null;
  @Field(() => User, {
    nullable: true,
    description:
      'The federated User, when the person is named by User id: the router asks the directory subgraph for its other fields. Not resolved to any platform yet (listed in coverage unresolvedPeople).',
  })
  user!: User | null;
}

@ObjectType({ description: 'People the standard treats differently, and the rules they get instead.' })
export class StandardException {
  @Field(() => String, { description: 'What the exception is, e.g. "Legal team".' }) name!: string;
  @Field(() => [StandardPerson], { description: 'The people it names.' }) people!: StandardPerson[];
  @Field(() => RecordingRules, { description: "Merged over the standard's rules for these people." }) rules!: RecordingRules;
}

@ObjectType({ description: "A connection that needs a different value: merged over the standard's rules there only." })
export class StandardConnectionOverride {
  @Field(() => ID, { description: 'The vendor connection.' }) connectionId!: string;
  @Field(() => RecordingRules, { description: 'The rules that differ on it.' }) rules!: RecordingRules;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A tenant's company recording standard: one vendor-neutral rule set compiled to every platform it governs." })
export class RecordingStandard {
  row!: RecordingStandardRow;
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => String, { description: 'Name shown to people.' }) name!: string;
  @Field(() => StandardMode, { description: 'REPORT or ENFORCE.' }) mode!: string;
  @Field(() => RecordingRules, { description: 'The rules every governed scope should hold.' }) rules!: RecordingRules;
  @Field(() => [RecordingRuleField], { description: 'Rules a platform must honour exactly; one it cannot honour blocks that platform.' })
  requiredFields!: string[];
  @Field(() => [StandardException], { description: 'People with other rules (the legal team: never recorded).' }) exceptions!: StandardException[];
  @Field(() => [StandardConnectionOverride], { description: 'Per-connection differences.' }) overrides!: StandardConnectionOverride[];
  @Field(() => Int, { description: 'Increases with every change; send it back as expectedVersion.' }) version!: number;
  @Field(() => Boolean, { description: 'Compiled to the platforms at least once (and kept there since).' }) applied!: boolean;
  @Field(() => DateTime, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => DateTime, { description: 'When it last changed.' }) updatedAt!: Date;
}

@ObjectType({ description: 'How one platform holds one rule.' })
export class RuleCoverage {
  @Field(() => RecordingRuleField, { description: 'The rule.' }) field!: string;
  @Field(() => String, { description: 'Its dotted path in the rules, e.g. calls.internal.' }) path!: string;
  @Field(() => CoverageStatus, { description: 'Honoured, approximated or not supported.' }) status!: string;
  @Field(() => Boolean, { description: 'Marked required by the standard.' }) required!: boolean;
  @Field(() => String, { nullable: true, description: "The adapter's note: how it is honoured or approximated, or why it cannot be." })
  note!: string | null;
}

@ObjectType({ description: 'Why the standard is not enforced on a platform.' })
export class StandardBlock {
  @Field(() => String, { description: 'Stable error code (VENDOR_UNSUPPORTED_FIELD).' }) code!: string;
  @Field(() => String, { description: 'What to change, for a person.' }) message!: string;
  @Field(() => [RecordingRuleField], { description: 'The required rules the platform cannot honour exactly (approximated or not supported).' })
  fields!: string[];
}

@ObjectType({ description: 'A person the standard names that a platform could not resolve (listed, never dropped).' })
export class UnresolvedPerson {
  @Field(() => String, { description: 'The e-mail, or User:<id>.' }) name!: string;
  @Field(() => String, { description: 'Why it could not be resolved there.' }) reason!: string;
}

@ObjectType({ description: 'The standard at one kind of scope of a connection (Webex: its people, its workspaces).' })
export class ScopeKindCoverage {
  @Field(() => PolicyScopeKind, { description: 'The kind of scope.' }) kind!: string;
  @Field(() => [RuleCoverage], { description: 'Every rule the standard sets, with how this vendor holds it at this kind of scope.' })
  fields!: RuleCoverage[];
  @Field(() => RecordingRules, { description: 'The rules sent to scopes of this kind (honoured fields only).' }) compiledRules!: RecordingRules;
}

@ObjectType({ description: 'The standard on one connection, field by field.' })
export class ConnectionCoverage {
  connectionId!: string;
  @Field(() => VendorConnection, { description: 'The connection.' }) connection!: VendorConnection;
  @Field(() => VendorKind, { description: 'Its vendor.' }) vendor!: VendorKind;
  @Field(() => [RuleCoverage], {
    description:
      'Every rule the standard sets, with how this vendor holds it: the least honoured status over the kinds of scope it governs there (the note says where).',
  })
  fields!: RuleCoverage[];
  @Field(() => [ScopeKindCoverage], { description: 'The same per kind of scope the standard governs here (Webex: PERSON and WORKSPACE).' })
  scopeKinds!: ScopeKindCoverage[];
  @Field(() => StandardBlock, { nullable: true, description: 'Set when a required rule cannot be honoured exactly here.' })
  blocked!: StandardBlock | null;
  @Field(() => RecordingRules, {
    description: 'The rules actually sent to this vendor (honoured fields only; the first kind of scope, see scopeKinds).',
  })
  compiledRules!: RecordingRules;
  @Field(() => [UnresolvedPerson], { description: 'People named by the standard that this platform could not resolve.' })
  unresolvedPeople!: UnresolvedPerson[];
}

@ObjectType({ description: 'The exact vendor requests for one sample scope.' })
export class StandardPreviewSample {
  @Field(() => PolicyScope, { description: 'The scope.' }) scope!: PolicyScope;
  @Field(() => [VendorRequest], { description: 'What would be sent, credentials redacted.' }) requests!: VendorRequest[];
}

@ObjectType({ description: 'What applying the standard would do on one connection, before anything is written.' })
export class ConnectionStandardPreview {
  @Field(() => ConnectionCoverage, { description: 'Coverage on this connection.' }) coverage!: ConnectionCoverage;
  @Field(() => Int, { description: 'Scopes the standard governs here (settings records, the PBX, people, workspaces).' }) scopes!: number;
  @Field(() => Int, { description: 'Scopes whose policy would be created or changed.' }) changing!: number;
  @Field(() => [StandardPreviewSample], { description: 'A few of them (at least one of each kind of scope that changes), with the exact requests.' })
  sample!: StandardPreviewSample[];
  @Field(() => [LintWarning], { description: 'Compliance warnings about the compiled rules.' }) warnings!: LintWarning[];
  @Field(() => [UnlistedScopeKind], { description: 'Kinds of scope the vendor refused to list: not counted, not governed.' })
  unlistedScopeKinds!: UnlistedScopeKind[];
}

@ObjectType({ description: 'A kind of scope the vendor refused to list (the connection lacks the permission): not governed.' })
export class UnlistedScopeKind {
  @Field(() => PolicyScopeKind, { description: 'The kind of scope, e.g. WORKSPACE.' }) kind!: string;
  @Field(() => String, { description: 'Stable error code (VENDOR_AUTH_FAILED).' }) code!: string;
  @Field(() => String, { description: "The vendor's refusal, naming the permission to grant." }) message!: string;
}

@ObjectType({ description: 'What a compile did on one connection.' })
export class StandardCompileOutcome {
  @Field(() => ID, { description: 'The connection.' }) connectionId!: string;
  @Field(() => StandardCompileStatus, { description: 'Compiled, blocked or held.' }) status!: string;
  @Field(() => Int, { description: 'Scopes governed.' }) scopes!: number;
  @Field(() => Int, { description: 'Policies created or changed.' }) changed!: number;
  @Field(() => [ID], { description: 'Roll-outs started for people (PolicyRollout ids).' }) rolloutIds!: string[];
  @Field(() => String, { nullable: true, description: 'Error code when blocked or held.' }) errorCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Error message when blocked or held.' }) errorMessage!: string | null;
  @Field(() => [UnlistedScopeKind], { description: 'Kinds of scope the vendor refused to list: the others were compiled without them.' })
  unlistedScopeKinds!: UnlistedScopeKind[];
}

@ObjectType({ description: 'Scope counts of a compliance report.' })
export class ComplianceCounts {
  @Field(() => Int, { description: 'Scopes whose vendor state matches the standard.' }) conforming!: number;
  @Field(() => Int, { description: 'Scopes changed at the vendor behind our back.' }) drifted!: number;
  @Field(() => Int, { description: 'Scopes the vendor refused.' }) failed!: number;
  @Field(() => Int, { description: 'Scopes still being written.' }) pending!: number;
  @Field(() => Int, { description: 'Scopes at the vendor the standard does not govern (e.g. people added after the roll-out).' }) ungoverned!: number;
}

@ObjectType({ description: "An edge of a standard's policy list." })
export class StandardPolicyEdge {
  @Field(() => String, { description: 'Pass as after for the next page.' }) cursor!: string;
  @Field(() => RecordingPolicy, { description: 'The policy.' }) node!: RecordingPolicy;
}

@ObjectType({ description: 'Policies of the standard in one state at one connection (their drift lists the field diffs).' })
export class StandardPolicyConnection {
  @Field(() => [StandardPolicyEdge], { description: 'Edges with cursors.' }) edges!: StandardPolicyEdge[];
  @Field(() => [RecordingPolicy], { description: 'The policies of this page.' }) nodes!: RecordingPolicy[];
  @Field(() => PageInfo, { description: 'Paging.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many there are in all.' }) totalCount!: number;
}

@ObjectType({ description: 'An ungoverned scope at a vendor.' })
export class UngovernedScope {
  @Field(() => PolicyScopeKind, { description: 'Scope kind.' }) kind!: string;
  @Field(() => String, { description: "The vendor's id." }) id!: string;
}

@ObjectType({ description: 'Compliance at one kind of scope of a connection.' })
export class ScopeKindCompliance {
  @Field(() => PolicyScopeKind, { description: 'The kind of scope (Webex: PERSON, WORKSPACE).' }) kind!: string;
  @Field(() => ComplianceCounts, { description: 'Scope counts of this kind.' }) counts!: ComplianceCounts;
}

@ObjectType({ description: 'Compliance of one connection with the standard.' })
export class ConnectionCompliance {
  standard!: RecordingStandardRow;
  connectionId!: string;
  @Field(() => VendorConnection, { description: 'The connection.' }) connection!: VendorConnection;
  @Field(() => VendorKind, { description: 'Its vendor.' }) vendor!: VendorKind;
  @Field(() => Boolean, { description: 'A required rule cannot be honoured exactly here: nothing is enforced (see coverage).' }) blocked!: boolean;
  @Field(() => ComplianceCounts, { description: 'Scope counts.' }) counts!: ComplianceCounts;
  @Field(() => [ScopeKindCompliance], { description: 'Scope counts per kind of scope the standard governs here.' })
  scopeKinds!: ScopeKindCompliance[];
  @Field(() => [UngovernedScope], { description: 'Scopes nobody governs yet (found by the last directory walk).' })
  ungovernedScopes!: UngovernedScope[];
  @Field(() => DateTime, { nullable: true, description: 'When the directory was last walked.' }) lastCheckedAt!: Date | null;
}

@ObjectType({ description: 'How far the platforms hold the standard, per connection and for the whole tenant.' })
export class StandardCompliance {
  @Field(() => RecordingStandard, { description: 'The standard.' }) standard!: RecordingStandard;
  @Field(() => ComplianceCounts, { description: 'Totals over every connection.' }) totals!: ComplianceCounts;
  @Field(() => Int, { description: 'Connections where a required rule blocks the standard.' }) blockedConnections!: number;
  @Field(() => [ConnectionCompliance], { description: 'Per connection.' }) connections!: ConnectionCompliance[];
}

@ObjectType({ description: 'The standard as stored, and what compiling it did.' })
export class SaveRecordingStandardPayload {
  @Field(() => RecordingStandard, { description: 'The standard, at its new version.' }) standard!: RecordingStandard;
  @Field(() => [StandardCompileOutcome], { description: 'Per connection, when the standard is applied (empty otherwise).' })
  compiled!: StandardCompileOutcome[];
}

@ObjectType({ description: 'The standard, now applied, and what compiling it did.' })
export class ApplyRecordingStandardPayload {
  @Field(() => RecordingStandard, { description: 'The standard.' }) standard!: RecordingStandard;
  @Field(() => [StandardCompileOutcome], { description: 'Per connection.' }) compiled!: StandardCompileOutcome[];
}
