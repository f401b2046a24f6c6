/**
 * A deterministic people directory that costs nothing per person until someone is read: person i is
 * derived from i, and Webex-style ids (base64 of "ciscospark://us/PEOPLE/<uuid>", no padding) decode back to i.
 */
export interface WebexLocation {
  id: string;
  name: string;
}

export interface WebexPerson {
  id: string;
  emails: string[];
  phoneNumbers?: { type: string; value: string }[];
  extension?: string;
  locationId?: string;
  displayName: string;
  nickName: string;
  firstName: string;
  lastName: string;
  orgId: string;
  created: string;
  lastModified: string;
  type: 'person';
}

const FIRST = ['Ada', 'Boris', 'Chen', 'Dana', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ines', 'Jonas', 'Kira', 'Luis', 'Maya', 'Nils', 'Olga', 'Pavel'];
const LAST = [
  'Ahmed',
  'Berg',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
];
const CREATED_BASE = Date.UTC(2023, 0, 2, 9, 0, 0);

export function webexId(kind: string, uuid: string): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`, 'utf8').toString('base64').replace(/=+$/, '');
}

export function decodeWebexId(id: string): { kind: string; uuid: string } | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(id)) return null;
  const text = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  const m = /^ciscospark:\/\/[^/]+\/([A-Z_]+)\/([0-9a-f-]{36})$/.exec(text);
  return m ? { kind: m[1]!, uuid: m[2]! } : null;
}

function uuid(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export class Directory {
  readonly locations: WebexLocation[];

  constructor(
    /** Grows when the sandbox hires people (POST /__sandbox/people): the newcomers are the next indexes. */
    public size: number,
    locationCount: number,
    readonly orgId: string,
  ) {
    if (!Number.isInteger(size) || size < 0) throw new Error('directory size must be a non-negative integer');
    const count = Math.max(1, Math.floor(locationCount));
    this.locations = Array.from({ length: count }, (_, i) => ({ id: webexId('LOCATION', uuid('10ca7100', i)), name: `Sandbox Site ${i + 1}` }));
  }

  personId(index: number): string {
    return webexId('PEOPLE', uuid('9e0d1e00', index));
  }

  /** Index of a person id in this directory, or null when it is not one of ours. */
  indexOf(personId: string): number | null {
    const decoded = decodeWebexId(personId);
    if (!decoded || decoded.kind !== 'PEOPLE' || !decoded.uuid.startsWith('9e0d1e00-0000-4000-8000-')) return null;
    const index = Number.parseInt(decoded.uuid.slice(24), 16);
    return Number.isInteger(index) && index >= 0 && index < this.size ? index : null;
  }

  locationIndexOf(personIndex: number): number {
    return personIndex % this.locations.length;
  }

  person(index: number, callingData: boolean): WebexPerson {
    const first = FIRST[index % FIRST.length]!;
    const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
    const n = String(index + 1).padStart(5, '0');
    const created = new Date(CREATED_BASE + index * 60_000).toISOString();
    const person: WebexPerson = {
      id: this.personId(index),
      emails: [`user${n}@sandbox.example.com`],
      displayName: `${first} ${last} ${n}`,
      nickName: first,
      firstName: first,
      lastName: `${last} ${n}`,
      orgId: this.orgId,
      created,
      lastModified: created,
      type: 'person',
    };
    // Calling fields come back only with callingData=true (Webex "List People" docs).
    if (callingData) {
      person.phoneNumbers = [{ type: 'work', value: `+1555${String(index).padStart(7, '0')}` }];
      person.extension = String(10_000 + index);
      person.locationId = this.locations[this.locationIndexOf(index)]!.id;
    }
    return person;
  }

  /** Number of people in a location (or all) and the directory index of the k-th of them. */
  scope(locationIndex: number | null): { total: number; at(k: number): number } {
    if (locationIndex === null) return { total: this.size, at: (k) => k };
    const l = this.locations.length;
    const total = locationIndex < this.size ? Math.ceil((this.size - locationIndex) / l) : 0;
    return { total, at: (k) => locationIndex + k * l };
  }

  locationIndex(locationId: string): number | null {
    const i = this.locations.findIndex((loc) => loc.id === locationId);
    return i < 0 ? null : i;
  }
}
