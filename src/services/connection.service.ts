import { randomUUID } from 'node:crypto';
import type { Principal } from '../domain/principal';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import type { VendorKind } from '../domain/vendor-kind';
import type { ConnectionRecord } from '../store/connection.store';
import type { Page, PageArgs } from '../store/pagination';
import type { ConnectionContext, CredentialField, IssuedToken } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import { HTTP_SETTING_NAMES } from '../vendors/http';
import { isPrivateHost } from '../vendors/egress';
import type { ServiceDeps } from './deps';
import type { StoredVendorError } from '../store/schema';
import { storedError } from './vendor-errors';
import { CredentialTokens } from './credential-tokens';
import { diagnose, type Diagnosis } from './connection-diagnosis';

export interface NameValue {
  name: string;
  value: string;
}

export interface ConnectInput {
  tenantId: string;
  vendor: VendorKind;
  name: string;
  baseUrl: string;
  settings?: NameValue[] | null;
  credentials: NameValue[];
}

export interface UpdateConnectionInput {
  id: string;
  name?: string | null;
  baseUrl?: string | null;
  settings?: NameValue[] | null;
  credentials?: NameValue[] | null;
}

export class ConnectionService {
  /** Vendor-issued tokens (OAuth, Yeastar sessions), shared by every replica. */
  readonly tokens: CredentialTokens;

  constructor(private readonly deps: ServiceDeps) {
    this.tokens = new CredentialTokens(deps);
  }

  /** Field checks, then which fields go together for this vendor's credential shapes (lifecycle). */
  private checkCredentials(vendorKind: VendorKind, given: NameValue[]): Record<string, string> {
    const vendor = getVendor(vendorKind);
    const credentials = this.checkFields('credentials', given, vendor.capabilities.credentialFields, false);
    const problems = vendor.credentialLifecycle?.checkCredentials?.(credentials) ?? [];
    if (problems.length) {
      throw badInput(
        problems.map((p) => {
          const i = p.name === null ? -1 : given.findIndex((nv) => nv.name === p.name);
          return { path: i >= 0 ? ['input', 'credentials', i, 'value'] : ['input', 'credentials'], message: p.message };
        }),
      );
    }
    return credentials;
  }

  /** An access token handed over with a refresh token at onboarding is used until the vendor refuses it. */
  private async seedToken(
    tx: Parameters<CredentialTokens['take']>[0],
    vendorKind: VendorKind,
    id: string,
    tenantId: string,
    credentials: Record<string, string>,
  ) {
    const lifecycle = getVendor(vendorKind).credentialLifecycle;
    if (lifecycle?.kindOf(credentials) !== 'OAUTH_REFRESH' || !credentials.accessToken) return;
    await this.tokens.store.seed(
      tx,
      id,
      tenantId,
      this.tokens.seal(id, { accessToken: credentials.accessToken, accessExpiresAt: null, refreshToken: null }),
    );
  }

  private checkBaseUrl(baseUrl: string, path: (string | number)[]): string {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw badInput([{ path, message: 'must be an absolute http(s) URL' }]);
    }
    const problems: FieldProblem[] = [];
    if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push({ path, message: 'must use http or https' });
    if (url.username || url.password) problems.push({ path, message: 'must not carry credentials: pass them in credentials' });
    if (url.search || url.hash) problems.push({ path, message: 'must not carry a query string or fragment' });
    if (!this.deps.allowPrivateVendorHosts && isPrivateHost(url.hostname)) {
      problems.push({ path, message: 'must not point at this host, a private or a link-local address' });
    }
    if (problems.length) throw badInput(problems);
    return url.toString().replace(/\/+$/, '');
  }

  private checkFields(kind: 'credentials' | 'settings', given: NameValue[], fields: CredentialField[], partial: boolean): Record<string, string> {
    const problems: FieldProblem[] = [];
    const out: Record<string, string> = {};
    given.forEach((nv, i) => {
      // Every connection may tune its outbound HTTP behaviour (timeouts, retries, limiter, breaker) by setting.
      if (kind === 'settings' && HTTP_SETTING_NAMES.includes(nv.name)) {
        if (!/^\d{1,9}$/.test(nv.value)) problems.push({ path: ['input', kind, i, 'value'], message: `${nv.name} must be a whole number` });
        else out[nv.name] = nv.value;
        return;
      }
      if (!fields.some((f) => f.name === nv.name)) {
        problems.push({
          path: ['input', kind, i, 'name'],
          message: `unknown ${kind === 'credentials' ? 'credential' : 'setting'} "${nv.name}"; expected one of: ${fields.map((f) => f.name).join(', ') || '(none)'}`,
        });
      } else if (nv.name in out) {
        problems.push({ path: ['input', kind, i, 'name'], message: `"${nv.name}" is given twice` });
      } else {
        out[nv.name] = nv.value;
      }
    });
    if (!partial) {
      for (const f of fields)
        if (f.required && !(f.name in out)) problems.push({ path: ['input', kind], message: `"${f.name}" is required (${f.description})` });
    }
    if (problems.length) throw badInput(problems);
    return out;
  }

  async connect(actor: Principal, input: ConnectInput, requestId?: string): Promise<ConnectionRecord> {
    actor.require('recording:write');
    const { stores, secrets } = this.deps;
    const [tenant] = await stores.tenants.byIds(actor.tenantFilter(), [input.tenantId]);
    if (!tenant) throw notFound('Tenant', input.tenantId);
    const vendor = getVendor(input.vendor);
    const baseUrl = this.checkBaseUrl(input.baseUrl, ['input', 'baseUrl']);
    const settings = this.checkFields('settings', input.settings ?? [], vendor.capabilities.settingFields, false);
    const credentials = this.checkCredentials(input.vendor, input.credentials);
    const id = randomUUID();
    return stores.db.transaction(async (tx) => {
      const row = await stores.connections.insert(tx, {
        id,
        tenantId: tenant.id,
        vendor: input.vendor,
        name: input.name.trim(),
        baseUrl,
        settings,
        credentialsSealed: secrets.seal(JSON.stringify(credentials), id),
        credentialsKeyId: secrets.currentKeyId,
      });
      await this.seedToken(tx, input.vendor, id, tenant.id, credentials);
      await stores.audit.record(tx, {
        tenantId: row.tenantId,
        actor: actor.subject,
        action: 'connection.create',
        targetType: 'VendorConnection',
        targetId: row.id,
        after: { ...row, credentials: Object.keys(credentials).map((k) => `${k}: [write-only]`) },
        requestId,
      });
      return row;
    });
  }

  async update(actor: Principal, input: UpdateConnectionInput, requestId?: string): Promise<ConnectionRecord> {
    actor.require('recording:write');
    const { stores, secrets } = this.deps;
    const scope = actor.tenantFilter();
    const [current] = await stores.connections.byIds(scope, [input.id]);
    if (!current) throw notFound('VendorConnection', input.id);
    const vendor = getVendor(current.vendor);
    const patch: Parameters<typeof stores.connections.update>[3] = {};
    let newCredentials: Record<string, string> | null = null;
    if (input.name != null) patch.name = input.name.trim();
    if (input.baseUrl != null) patch.baseUrl = this.checkBaseUrl(input.baseUrl, ['input', 'baseUrl']);
    if (input.settings != null) patch.settings = this.checkFields('settings', input.settings, vendor.capabilities.settingFields, false);
    if (input.credentials != null) {
      // Credentials are replaced as a whole: the API never reads them back, so a partial merge would be invisible.
      const creds = this.checkCredentials(current.vendor, input.credentials);
      newCredentials = creds;
      patch.credentialsSealed = secrets.seal(JSON.stringify(creds), current.id);
      patch.credentialsKeyId = secrets.currentKeyId;
      patch.status = 'UNTESTED';
      patch.lastError = null;
    }
    // The token the old credentials obtained is given back once they are replaced (Yeastar's are scarce).
    const old = newCredentials ? await this.vendorContextForScope(scope, input.id, requestId).catch(() => null) : null;
    let oldToken: IssuedToken | null = null;
    const updated = await stores.db.transaction(async (tx) => {
      const row = await stores.connections.update(tx, scope, input.id, patch);
      if (!row) throw notFound('VendorConnection', input.id);
      if (newCredentials) {
        oldToken = await this.tokens.take(tx, row.id);
        await this.seedToken(tx, row.vendor, row.id, row.tenantId, newCredentials);
      }
      await stores.audit.record(tx, {
        tenantId: row.tenantId,
        actor: actor.subject,
        action: 'connection.update',
        targetType: 'VendorConnection',
        targetId: row.id,
        before: current,
        after: row,
        outcome: input.credentials != null ? { credentialsReplaced: true } : null,
        requestId,
      });
      return row;
    });
    const lifecycle = vendor.credentialLifecycle;
    if (old && lifecycle) await this.tokens.release(current.vendor, old.ctx, lifecycle, oldToken);
    return updated;
  }

  async remove(actor: Principal, id: string, requestId?: string): Promise<void> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const scope = actor.tenantFilter();
    const [before] = await stores.connections.byIds(scope, [id]);
    if (!before) throw notFound('VendorConnection', id);
    const old = await this.vendorContextForScope(scope, id, requestId).catch(() => null);
    let token: IssuedToken | null = null;
    await stores.db.transaction(async (tx) => {
      token = await this.tokens.take(tx, id);
      if (!(await stores.connections.delete(tx, scope, id))) throw notFound('VendorConnection', id);
      await stores.audit.record(tx, {
        tenantId: before.tenantId,
        actor: actor.subject,
        action: 'connection.delete',
        targetType: 'VendorConnection',
        targetId: id,
        before,
        requestId,
      });
    });
    // After the commit: the vendor releases the token only once nothing here can use it any more.
    const lifecycle = getVendor(before.vendor).credentialLifecycle;
    if (old && lifecycle) await this.tokens.release(before.vendor, old.ctx, lifecycle, token);
  }

  /** Checks the stored credentials against the vendor with a harmless read, and records the outcome. */
  async test(
    actor: Principal,
    id: string,
    requestId?: string,
  ): Promise<{ record: ConnectionRecord; ok: boolean; error: StoredVendorError | null; problem: Diagnosis | null }> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const { record, ctx } = await this.vendorContext(actor, id, requestId);
    const vendor = getVendor(record.vendor);
    let error: StoredVendorError | null = null;
    let problem: Diagnosis | null = null;
    try {
      await vendor.testConnection(ctx);
    } catch (e) {
      error = storedError(e);
      problem = diagnose(vendor, e);
    }
    // An expired authorization stays AUTH_EXPIRED: only new credentials (reconnecting) clear it.
    const status = !error ? 'OK' : problem?.code === 'AUTHORIZATION_EXPIRED' ? 'AUTH_EXPIRED' : 'FAILED';
    const updated = await stores.db.transaction(async (tx) => {
      const r = await stores.connections.update(tx, actor.tenantFilter(), id, { status, lastCheckedAt: new Date(), lastError: error });
      await stores.audit.record(tx, {
        tenantId: record.tenantId,
        actor: actor.subject,
        action: 'connection.test',
        targetType: 'VendorConnection',
        targetId: id,
        before: { status: record.status },
        after: { status: r?.status },
        outcome: error ? { ok: false, error, problem: problem?.code } : { ok: true },
        requestId,
      });
      return r;
    });
    return { record: updated ?? record, ok: !error, error, problem };
  }

  async page(actor: Principal, tenantId: string, args: PageArgs): Promise<Page<ConnectionRecord>> {
    actor.require('recording:read');
    return this.deps.stores.connections.page(actor.tenantFilter(), tenantId, args);
  }

  /** Everything an adapter needs for one call, credentials decrypted; stays inside the service layer. */
  async vendorContext(actor: Principal, connectionId: string, requestId?: string): Promise<{ record: ConnectionRecord; ctx: ConnectionContext }> {
    return this.vendorContextForScope(actor.tenantFilter(), connectionId, requestId);
  }

  async vendorContextForScope(
    scope: readonly string[] | null,
    connectionId: string,
    requestId?: string,
  ): Promise<{ record: ConnectionRecord; ctx: ConnectionContext }> {
    const { stores, secrets } = this.deps;
    const [record] = await stores.connections.byIds(scope, [connectionId]);
    const sealed = record && (await stores.connections.sealedCredentials(scope, connectionId));
    if (!record || !sealed) throw notFound('VendorConnection', connectionId);
    let credentials: Record<string, string>;
    try {
      credentials = JSON.parse(secrets.open(sealed.credentialsSealed, record.id)) as Record<string, string>;
    } catch {
      throw new AppError('INTERNAL_SERVER_ERROR', 'Stored credentials could not be decrypted with the configured keys');
    }
    const ctx: ConnectionContext = {
      connectionId: record.id,
      tenantId: record.tenantId,
      baseUrl: record.baseUrl,
      settings: record.settings,
      credentials,
      requestId,
    };
    const vendor = getVendor(record.vendor);
    const lifecycle = vendor.credentialLifecycle;
    if (lifecycle && lifecycle.kindOf(credentials) !== 'STATIC')
      ctx.tokens = this.tokens.forConnection(record, ctx, lifecycle, vendor.displayName, sealed.credentialsSealed);
    return { record, ctx };
  }
}
