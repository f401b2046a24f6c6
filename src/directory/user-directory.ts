import { AppError } from '../domain/errors';

/** A person as the directory subgraph knows them: the federated `User`. */
export interface DirectoryUser {
  id: string;
  email: string | null;
  /** The tenant of this subgraph the user belongs to (`User.tenant.id`); null when the directory names none. */
  tenantId: string | null;
}

/**
 * The people directory that owns the federated `User` entity (issue 17: a standard names people by e-mail or by
 * User id). One call answers many ids: a compile, preview or reconcile of a standard asks once for all its people.
 */
export interface UserDirectory {
  /** What it is, for reasons and logs (never a credential). */
  readonly description: string;
  /**
   * The users with these ids; an id the directory does not know is absent from the map. Throws VENDOR_UNAVAILABLE
   * when the directory cannot answer (down, timed out, 5xx, an answer that is not GraphQL): nothing is decided then.
   */
  users(ids: readonly string[]): Promise<Map<string, DirectoryUser>>;
}

export interface HttpUserDirectoryOptions {
  /** The GraphQL endpoint of the directory subgraph, or of the router that serves it. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  timeoutMs?: number;
}

/**
 * `_entities` asks a subgraph directly; through a router the same representations resolve the same way. The User
 * must expose `email` and `tenant { id }` (the Tenant entity of this subgraph), as the directory test subgraph does.
 */
const ENTITIES = `query RecordingStandardPeople($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { id email tenant { id } } }
}`;

/** At most this many ids in one request; a standard names at most 50 exceptions of 1,000 people. */
const BATCH = 1000;

export function httpUserDirectory(options: HttpUserDirectoryOptions): UserDirectory {
  const host = (() => {
    try {
      return new URL(options.url).host;
    } catch {
      return 'the configured URL';
    }
  })();
  const unavailable = (why: string) =>
    new AppError('VENDOR_UNAVAILABLE', `The user directory at ${host} (USER_DIRECTORY_URL) could not answer: ${why}`, { retryable: true });

  async function batch(ids: readonly string[], into: Map<string, DirectoryUser>): Promise<void> {
    let res: Response;
    try {
      res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({ query: ENTITIES, variables: { representations: ids.map((id) => ({ __typename: 'User', id })) } }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      throw unavailable(name === 'TimeoutError' ? 'timed out' : 'not reachable');
    }
    if (!res.ok && !(res.headers.get('content-type') ?? '').includes('json')) throw unavailable(`HTTP ${res.status}`);
    let body: { data?: { _entities?: (Record<string, unknown> | null)[] } | null; errors?: { message?: string }[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw unavailable(`HTTP ${res.status} without a GraphQL answer`);
    }
    const entities = body.data?._entities;
    if (!Array.isArray(entities) || entities.length !== ids.length) {
      const first = body.errors?.[0]?.message;
      throw unavailable(first ? `it answered "${first.slice(0, 200)}"` : `HTTP ${res.status} without the users`);
    }
    entities.forEach((u, i) => {
      if (!u || typeof u.id !== 'string' || u.id !== ids[i]) return;
      const tenant = u.tenant as { id?: unknown } | null | undefined;
      into.set(u.id, {
        id: u.id,
        email: typeof u.email === 'string' && u.email.trim() ? u.email : null,
        tenantId: typeof tenant?.id === 'string' ? tenant.id : null,
      });
    });
  }

  return {
    description: `the user directory at ${host}`,
    async users(ids) {
      const unique = [...new Set(ids)];
      const out = new Map<string, DirectoryUser>();
      for (let i = 0; i < unique.length; i += BATCH) await batch(unique.slice(i, i + BATCH), out);
      return out;
    },
  };
}
