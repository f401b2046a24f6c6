import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What a development service tells the roll-out CLI on this machine: the URL it printed (its port may be a free
 * one) and its development token. Kept in DATA_DIR beside the generated keys, with the same permissions; never
 * written in production, where the CLI is given --url or RECORDING_API_URL.
 */
export interface ServiceFile {
  url: string;
  token?: string;
  pid: number;
}

export const SERVICE_FILE_NAME = 'service.json';

export function serviceFilePath(dataDir: string): string {
  return join(dataDir, SERVICE_FILE_NAME);
}

export function writeServiceFile(dataDir: string, info: ServiceFile): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(serviceFilePath(dataDir), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

export function removeServiceFile(dataDir: string): void {
  rmSync(serviceFilePath(dataDir), { force: true });
}

/** The file of the service using DATA_DIR (default `./.data`, as the service resolves it), if there is one. */
export function readServiceFile(dataDir = resolve(process.env.DATA_DIR ?? '.data')): (ServiceFile & { path: string }) | undefined {
  const path = serviceFilePath(dataDir);
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ServiceFile>;
    return typeof parsed.url === 'string' ? { url: parsed.url, token: parsed.token, pid: Number(parsed.pid), path } : undefined;
  } catch {
    return undefined;
  }
}
