import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Credentials at rest: AES-256-GCM with a random 96-bit nonce per value. The stored form names the key it was
 * sealed with (a short fingerprint), so keys can be rotated: old keys still open old values until they are
 * re-encrypted with the current key.
 *
 *   v1.<key fingerprint>.<nonce b64url>.<ciphertext b64url>.<tag b64url>
 */
export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly keys = new Map<string, Buffer>();

  constructor(currentKeyBase64: string, previousKeysBase64: string[] = []) {
    this.current = SecretBox.load(currentKeyBase64);
    this.keys.set(this.current.id, this.current.key);
    for (const k of previousKeysBase64) {
      const loaded = SecretBox.load(k);
      this.keys.set(loaded.id, loaded.key);
    }
  }

  private static load(b64: string): { id: string; key: Buffer } {
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error('an encryption key must be 32 bytes');
    return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, aad: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, nonce);
    cipher.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.current.id, nonce.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  open(sealed: string, aad: string): string {
    const [version, keyId, nonce, ct, tag] = sealed.split('.');
    if (version !== 'v1' || !keyId || nonce === undefined || ct === undefined || !tag) throw new Error('unrecognised sealed value');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`no key with id ${keyId} is configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }
}
