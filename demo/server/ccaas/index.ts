import type { ServiceContext, ServiceHandle } from '../service-context.js';

/** Registers the ccaas emulation (built in its own issue). */
export function registerCcaas(_ctx: ServiceContext): ServiceHandle {
  return { close() {} };
}
