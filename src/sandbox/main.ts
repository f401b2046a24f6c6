import { startSandbox } from './runner';

/** Runs the vendor sandboxes on their own (docker-compose's `sandbox` service): SANDBOX_HOST, SANDBOX_PORT_BASE. */
/** SANDBOX_MEGAFON_ALLOWED_IPS: a comma list, or "any" to switch MegaFon's allow-list off; unset keeps loopback. */
function megafonAllowedIps(value: string | undefined): string[] | null | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (value.trim() === 'any') return null;
  return value
    .split(',')
    .map((ip) => ip.trim())
    .filter(Boolean);
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    host: process.env.SANDBOX_HOST ?? '127.0.0.1',
    basePort: Number(process.env.SANDBOX_PORT_BASE ?? 4100),
    webexPeople: process.env.SANDBOX_WEBEX_PEOPLE ? Number(process.env.SANDBOX_WEBEX_PEOPLE) : undefined,
    megafonAllowedIps: megafonAllowedIps(process.env.SANDBOX_MEGAFON_ALLOWED_IPS),
  });
  for (const c of sandbox.connections) process.stdout.write(`${c.vendor.padEnd(10)} ${c.baseUrl}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox failed: ${(e as Error).message}\n`);
  process.exit(1);
});
