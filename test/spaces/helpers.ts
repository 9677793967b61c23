// Shared set-up of the Spaces client tests: URLs of the embedded backend and token lifecycles.
import { TokenLifecycle } from '../../src/core/token-lifecycle.js';
import { openRoom, type RoomLease } from '../../src/spaces/registry.js';
import type { SocketFactory } from '../../src/spaces/socket-types.js';
import type { SpacesMessage } from '../../src/spaces/types.js';
import { backendUrl, fetchToken } from '../support/backend.js';

/** Socket and REST URLs of the embedded backend. */
export async function spacesUrls(): Promise<{ serverUrl: string; apiUrl: string }> {
  const base = await backendUrl();
  return { serverUrl: `${base}/chat`, apiUrl: `${base}/api` };
}

/** A lifecycle whose provider mints tokens for `user` from the backend, counting calls. */
export function lifecycleFor(user: string, ttlSeconds = 3600, leadTimeMs?: number): TokenLifecycle & { calls: number } {
  const lifecycle = new TokenLifecycle({
    service: 'spaces',
    provider: () => {
      counted.calls += 1;
      return fetchToken('spaces', user, ttlSeconds);
    },
    ...(leadTimeMs !== undefined ? { leadTimeMs } : {}),
  });
  const counted = Object.assign(lifecycle, { calls: 0 });
  return counted;
}

/** Opens a room as `user` on the backend. */
export async function open(user: string, spaceId: string, password?: string, socketFactory?: SocketFactory): Promise<RoomLease & { lifecycle: TokenLifecycle; close(): void }> {
  const lifecycle = lifecycleFor(user);
  const lease = await openRoom({ ...(await spacesUrls()), tokenType: 'jwt', spaceId, lifecycle, ...(password ? { password } : {}), ...(socketFactory ? { socketFactory } : {}) });
  return Object.assign(lease, {
    lifecycle,
    close() {
      lease.release();
      lifecycle.dispose();
    },
  });
}

/** A body text no other test (or browser running in parallel) uses. */
export function unique(label: string): string {
  return `${label} ${Math.random().toString(36).slice(2, 10)}`;
}

/** Messages of a room whose body is `text`. */
export function withBody(messages: readonly SpacesMessage[], text: string): SpacesMessage[] {
  return messages.filter((m) => m.content.bodyText === text);
}
