import type { VendorKind } from '../domain/vendor-kind';
import { VENDOR_KINDS } from '../domain/vendor-kind';
import { createBitrix24Adapter } from './bitrix24/adapter';
import type { AdapterHttpOptions, VendorHttpDefaults } from './http';
import { BITRIX24_HTTP } from './bitrix24/http';
import { MEGAFON_HTTP } from './megafon/http';
import { SIGNALWIRE_HTTP } from './signalwire/http';
import { WEBEX_HTTP } from './webex/http';
import { YEASTAR_HTTP } from './yeastar/http';
import { createMegafonAdapter } from './megafon/adapter';
import type { RecordingVendor } from './port';
import { createSignalwireAdapter } from './signalwire/adapter';
import { createWebexAdapter } from './webex/adapter';
import { createYeastarAdapter } from './yeastar/adapter';

/** Every vendor kind maps to its adapter: a kind without one fails to compile. */
export type VendorRegistry = { readonly [K in VendorKind]: RecordingVendor & { readonly kind: K } };

/** Builds the adapters with shared HTTP options (an injected fetch, metric hooks, settings for tests). */
export function createVendorRegistry(options: AdapterHttpOptions = {}): VendorRegistry {
  return {
    MEGAFON: createMegafonAdapter(options),
    YEASTAR: createYeastarAdapter(options),
    WEBEX: createWebexAdapter(options),
    SIGNALWIRE: createSignalwireAdapter(options),
    BITRIX24: createBitrix24Adapter(options),
  };
}

/** Each vendor's outbound figures (settings, request-id header), from its own folder. */
export const VENDOR_HTTP_DEFAULTS: Readonly<Record<VendorKind, VendorHttpDefaults>> = {
  MEGAFON: MEGAFON_HTTP,
  YEASTAR: YEASTAR_HTTP,
  WEBEX: WEBEX_HTTP,
  SIGNALWIRE: SIGNALWIRE_HTTP,
  BITRIX24: BITRIX24_HTTP,
};

let defaultRegistry: VendorRegistry | undefined;

function registry(): VendorRegistry {
  defaultRegistry ??= createVendorRegistry();
  return defaultRegistry;
}

/** Replaces the process-wide registry (at boot, with metric hooks; or in tests). */
export function setVendorRegistry(next: VendorRegistry): void {
  defaultRegistry = next;
}

export function getVendor<K extends VendorKind>(kind: K): VendorRegistry[K] {
  return registry()[kind];
}

export function listVendors(): RecordingVendor[] {
  return VENDOR_KINDS.map((k) => registry()[k]);
}
