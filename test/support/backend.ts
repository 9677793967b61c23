// Browser-side helpers for tests that talk to the embedded backend over real HTTP and sockets.
import { executeServerCommand } from '@web/test-runner-commands';

let cachedUrl: string | undefined;

/** Base URL of the backend the test runner started. */
export async function backendUrl(): Promise<string> {
  cachedUrl ??= await executeServerCommand<string, undefined>('backend-url');
  return cachedUrl;
}

/** A fresh token from the backend's demo token endpoint (negative ttl: already expired). */
export async function fetchToken(service: 'spaces' | 'ccaas', user: string, ttlSeconds = 3600): Promise<string> {
  const base = await backendUrl();
  const res = await fetch(`${base}/demo/token?service=${service}&user=${encodeURIComponent(user)}&ttl=${ttlSeconds}`);
  if (!res.ok) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return res.text();
}

/** Runs a test control of a service emulation, e.g. `('spaces', 'dropSockets')`. */
export async function backendCommand<T = unknown>(service: string, name: string, payload?: unknown): Promise<T> {
  return executeServerCommand<T, unknown>('backend-command', { service, name, payload });
}

/** Makes the backend unreachable (listener closed, connections cut), keeping its state. */
export async function suspendBackend(): Promise<void> {
  await executeServerCommand('backend-suspend');
}

/** Brings the backend back on the same port. */
export async function resumeBackend(): Promise<void> {
  await executeServerCommand('backend-resume');
}

/** Resolves once `predicate` holds, polling each animation frame; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, message = 'condition', timeoutMs = 8000): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
