import type { VendorDescription } from '../domain/vendor';
import type { VendorKind } from '../domain/vendor-kind';
import { getVendor, listVendors } from '../vendors/registry';

/** The vendors this service speaks to, as the API describes them (no credentials needed: nothing is called). */
export class VendorService {
  list(): VendorDescription[] {
    return listVendors();
  }

  describe(kind: VendorKind): VendorDescription {
    return getVendor(kind);
  }
}
