import type { StandardDefinition } from '../domain/standard';

/**
 * The demo tenant's company standard (issue 17): the decision the issue starts from, "record every external call,
 * announce it, never record the legal team, pause for card payments", across its MegaFon, Yeastar and Webex
 * connections. MegaFon cannot pause, so it gets ALWAYS (and its standard announcement) through an override. Seeded in REPORT mode and not applied:
 * applying it (playground tab 43) starts the roll-outs.
 */
export function demoStandard(megafonConnectionId: string): StandardDefinition {
  return {
    name: 'Company recording standard',
    mode: 'REPORT',
    rules: {
      mode: 'ALWAYS_WITH_PAUSE_RESUME',
      calls: { external: true, internal: false },
      announcement: { enabled: true },
      startStopAnnouncement: { enabled: true, externalCalls: true },
    },
    requiredFields: [],
    exceptions: [
      {
        name: 'Legal team',
        people: [{ email: 'user00007@sandbox.example.com' }, { email: 'user00008@sandbox.example.com' }],
        rules: { mode: 'NEVER' },
      },
    ],
    // MegaFon cannot pause, and announces only with a message chosen: its standard one.
    overrides: [{ connectionId: megafonConnectionId, rules: { mode: 'ALWAYS', announcement: { media: { source: 'SYSTEM' } } } }],
  };
}
