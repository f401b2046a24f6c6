import { createMegafonEmulator, MEGAFON_DEFAULT_TOKEN, type MegafonEmulator } from './megafon/emulator';
import { createYeastarEmulator, YEASTAR_DEFAULT_CLIENT_ID, YEASTAR_DEFAULT_CLIENT_SECRET, type YeastarEmulator } from './yeastar/emulator';
import { createWebexEmulator, WEBEX_DEFAULT_TOKEN, WEBEX_SANDBOX_SCOPES, type WebexEmulator } from './webex/emulator';
import {
  createSignalwireEmulator,
  SIGNALWIRE_DEFAULT_API_TOKEN,
  SIGNALWIRE_DEFAULT_PROJECT_ID,
  type SignalwireEmulator,
} from './signalwire/emulator';
import { BITRIX24_DEFAULT_USER_ID, BITRIX24_DEFAULT_WEBHOOK_SECRET, createBitrix24Emulator, type Bitrix24Emulator } from './bitrix24/emulator';

/**
 * The built-in vendor sandbox: every emulator on this machine, and how an account at each is reached. The runner
 * describes connections as plain data (vendor kind, URL, credentials); it knows nothing of our adapters.
 */
export interface SandboxConnectionSpec {
  key: string;
  vendor: 'MEGAFON' | 'YEASTAR' | 'WEBEX' | 'SIGNALWIRE' | 'BITRIX24';
  name: string;
  baseUrl: string;
  credentials: { name: string; value: string }[];
  settings: { name: string; value: string }[];
  /** A scope at this vendor that a demo policy can govern. */
  exampleScope?: { kind: string; id: string };
}

export interface Sandbox {
  megafon: MegafonEmulator;
  yeastar: YeastarEmulator;
  webex: WebexEmulator;
  signalwire: SignalwireEmulator;
  bitrix24: Bitrix24Emulator;
  connections: SandboxConnectionSpec[];
  close(): Promise<void>;
}

export interface SandboxOptions {
  host?: string;
  /** First port (each emulator takes the next); 0 for random ports. */
  basePort?: number;
  webexPeople?: number;
  /**
   * Addresses the MegaFon cabinet allows (it denies every address until told otherwise). Default: the loopback
   * addresses, where the built-in sandbox's callers live; null switches the list off (a container network whose
   * addresses are not known in advance).
   */
  megafonAllowedIps?: string[] | null;
}

/** The sandbox account is set up as a customer would set up theirs, so the demo works out of the box. */
export const SANDBOX_MEGAFON_ALLOWED_IPS = ['127.0.0.1', '::1'];

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  const port = (i: number) => (opts.basePort ? opts.basePort + i : 0);
  const megafon = createMegafonEmulator({ allowedIps: opts.megafonAllowedIps === undefined ? SANDBOX_MEGAFON_ALLOWED_IPS : opts.megafonAllowedIps });
  const yeastar = createYeastarEmulator();
  // The sandbox integration was authorised with every scope the adapters use (people, telephony config, call control).
  const webex = createWebexEmulator({ people: opts.webexPeople ?? 5000, tokenScopes: { [WEBEX_DEFAULT_TOKEN]: WEBEX_SANDBOX_SCOPES } });
  await megafon.listen(port(0), host);
  await yeastar.listen(port(1), host);
  await webex.listen(port(2), host);
  const signalwire = createSignalwireEmulator();
  const bitrix24 = createBitrix24Emulator();
  await signalwire.listen(port(3), host);
  await bitrix24.listen(port(4), host);
  const connections: SandboxConnectionSpec[] = [
    {
      key: 'megafon',
      vendor: 'MEGAFON',
      name: 'MegaFon Virtual PBX (sandbox)',
      baseUrl: megafon.apiBaseUrl,
      credentials: [{ name: 'token', value: MEGAFON_DEFAULT_TOKEN }],
      settings: [],
      exampleScope: { kind: 'SETTINGS_RECORD', id: '51' },
    },
    {
      key: 'yeastar',
      vendor: 'YEASTAR',
      name: 'Yeastar P-Series (sandbox)',
      baseUrl: yeastar.url,
      credentials: [
        { name: 'clientId', value: YEASTAR_DEFAULT_CLIENT_ID },
        { name: 'clientSecret', value: YEASTAR_DEFAULT_CLIENT_SECRET },
      ],
      settings: [],
      exampleScope: { kind: 'ORGANIZATION', id: '' },
    },
    {
      key: 'webex',
      vendor: 'WEBEX',
      name: 'Webex Calling (sandbox)',
      baseUrl: webex.apiBaseUrl,
      credentials: [{ name: 'accessToken', value: WEBEX_DEFAULT_TOKEN }],
      settings: [],
      exampleScope: { kind: 'PERSON', id: webex.personId(0) },
    },
    {
      key: 'signalwire',
      vendor: 'SIGNALWIRE',
      name: 'SignalWire Space (sandbox)',
      baseUrl: signalwire.apiBaseUrl,
      credentials: [
        { name: 'projectId', value: SIGNALWIRE_DEFAULT_PROJECT_ID },
        { name: 'apiToken', value: SIGNALWIRE_DEFAULT_API_TOKEN },
      ],
      settings: [],
    },
    {
      key: 'bitrix24',
      vendor: 'BITRIX24',
      name: 'Bitrix24 portal (sandbox)',
      baseUrl: bitrix24.apiBaseUrl,
      credentials: [
        { name: 'userId', value: String(BITRIX24_DEFAULT_USER_ID) },
        { name: 'webhookSecret', value: BITRIX24_DEFAULT_WEBHOOK_SECRET },
      ],
      settings: [],
    },
  ];
  return {
    megafon,
    yeastar,
    webex,
    signalwire,
    bitrix24,
    connections,
    async close() {
      await Promise.all([megafon.close(), yeastar.close(), webex.close(), signalwire.close(), bitrix24.close()]);
    },
  };
}
