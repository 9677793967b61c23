import type { ServiceContext, ServiceHandle } from '../service-context.js';

/** Registers the spaces emulation (built in its own issue). */
export function registerSpaces(_ctx: ServiceContext): ServiceHandle {
  return { close() {} };
}
