import type { ServiceContext, ServiceHandle } from '../service-context.js';

/** Registers the pubsub emulation (built in its own issue). */
export function registerPubSub(_ctx: ServiceContext): ServiceHandle {
  return { close() {} };
}
