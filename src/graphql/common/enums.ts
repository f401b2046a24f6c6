import { registerEnumType } from 'type-graphql';
import { VENDOR_KINDS, type VendorKind as VendorKindT } from '../../domain/vendor-kind';
import {
  EXTENSION_TARGET_KINDS,
  FILE_FORMATS,
  MEDIA_SOURCES,
  NOTIFICATION_TYPES,
  POLICY_SCOPE_KINDS,
  RECORDING_MODES,
  SYNC_STATUSES,
} from '../../domain/policy';

/** GraphQL enums are generated from the domain's closed lists, so the two cannot drift apart. */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const VendorKind = enumOf(VENDOR_KINDS);
registerEnumType(VendorKind, { name: 'VendorKind', description: 'A telephony or CRM vendor this service speaks to.' });
export type VendorKind = VendorKindT;

export const RecordingMode = enumOf(RECORDING_MODES);
registerEnumType(RecordingMode, {
  name: 'RecordingMode',
  description: 'When calls are recorded.',
  valuesConfig: {
    ALWAYS: { description: 'Every call in scope is recorded, with no user control.' },
    NEVER: { description: 'No call in scope is recorded.' },
    ALWAYS_WITH_PAUSE_RESUME: { description: 'Always recorded; the user may pause and resume (not stop).' },
    ON_DEMAND: { description: 'Recorded from the moment the user presses the on-demand key.' },
  },
});

export const MediaSource = enumOf(MEDIA_SOURCES);
registerEnumType(MediaSource, { name: 'MediaSource', description: "The vendor's standard message, or one from the customer's own media library." });

export const NotificationType = enumOf(NOTIFICATION_TYPES);
registerEnumType(NotificationType, { name: 'NotificationType' });

export const FileFormat = enumOf(FILE_FORMATS);
registerEnumType(FileFormat, { name: 'FileFormat' });

export const ExtensionTargetKind = enumOf(EXTENSION_TARGET_KINDS);
registerEnumType(ExtensionTargetKind, { name: 'ExtensionTargetKind' });

export const PolicyScopeKind = enumOf(POLICY_SCOPE_KINDS);
registerEnumType(PolicyScopeKind, {
  name: 'PolicyScopeKind',
  description: 'What a policy governs at its vendor.',
  valuesConfig: {
    ORGANIZATION: { description: 'The whole PBX or organisation (Yeastar).' },
    SETTINGS_RECORD: { description: 'One recording-settings record (MegaFon).' },
    PERSON: { description: 'One person (Webex).' },
    WORKSPACE: { description: 'One workspace (Webex).' },
    VIRTUAL_LINE: { description: 'One virtual line (Webex).' },
  },
});

export const SyncStatus = enumOf(SYNC_STATUSES);
registerEnumType(SyncStatus, {
  name: 'SyncStatus',
  valuesConfig: {
    PENDING: { description: 'The desired state is stored and not yet confirmed by the vendor.' },
    IN_SYNC: { description: 'The vendor accepted the current desired version.' },
    FAILED: { description: 'The vendor did not accept it; see lastSyncError.' },
    DRIFTED: { description: "The vendor's state was changed outside this service; see drift." },
  },
});
