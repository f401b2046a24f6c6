/** What changed, small enough for NOTIFY's 8000-byte payload: subscribers load the object itself. */
export interface DomainEvent {
  tenantId: string;
  type: 'LIVE_RECORDING' | 'RECORDING_POLICY' | 'ATTACHMENT' | 'POLICY_ROLLOUT' | 'RECORDING_STANDARD';
  kind: string;
  id: string;
  version?: number;
}
