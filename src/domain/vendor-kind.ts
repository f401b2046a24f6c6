/** The vendors this service speaks to (../shared/seeds/000..004). */
export const VENDOR_KINDS = ['MEGAFON', 'YEASTAR', 'WEBEX', 'SIGNALWIRE', 'BITRIX24'] as const;
export type VendorKind = (typeof VENDOR_KINDS)[number];
