/**
 * The demo tenant `npm start` connects to the built-in sandbox (app.ts seeds it through the stores). Fixed ids, so
 * the playground's example variables can name the demo tenant and its connections.
 */
export const DEMO_TENANT_ID = '00000000-0000-4000-8000-00000000d000';
export const DEMO_TENANT_NAME = 'Demo (sandbox vendors)';
export const DEMO_CONNECTION_IDS: Record<string, string> = {
  megafon: '00000000-0000-4000-8000-00000000d001',
  yeastar: '00000000-0000-4000-8000-00000000d002',
  webex: '00000000-0000-4000-8000-00000000d003',
  signalwire: '00000000-0000-4000-8000-00000000d004',
  bitrix24: '00000000-0000-4000-8000-00000000d005',
};
