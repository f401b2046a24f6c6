import type { VendorKind } from '../domain/vendor-kind';
import { VENDOR_KINDS } from '../domain/vendor-kind';
import { createBitrix24Adapter } from './bitrix24/adapter';
import type { AdapterHttpOptions } from './http';
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
