import type { ServiceContext, ServiceHandle } from '../service-context.js';
import { AgentSimulator } from './agent-simulator.js';
import { ccaasCommands } from './commands.js';
import { EventWaiters } from './event-waiters.js';
import { FaultInjector } from './faults.js';
import { registerCcaasRoutes, type CcaasSettings } from './routes.js';
import { CcaasService } from './service.js';
import { CcaasStore } from './store.js';

/** How long an events long-poll is held without news, as the real service does. */
const POLL_WINDOW_MS = 30_000;

/**
 * Registers the Avaya Experience Platform digital chat emulation: the REST + long-poll API the
 * Chat SDK speaks (protocols.md §2), with a simulated agent answering every engagement.
 */
export function registerCcaas(ctx: ServiceContext): ServiceHandle {
  const store = new CcaasStore(ctx.options.dataDir);
  const waiters = new EventWaiters();
  const service = new CcaasService(store, waiters);
  const reaction = ctx.options.reactionDelayMs;
  const agents = new AgentSimulator(service, { joinMs: reaction * 2, replyMs: reaction });
  service.observe(agents);
  const faults = new FaultInjector();
  const settings: CcaasSettings = { pollWindowMs: POLL_WINDOW_MS };

  registerCcaasRoutes(ctx.router, { service, issuer: ctx.issuer, waiters, faults, settings });
  // Engagements that were queued when the backend stopped get their agent now.
  agents.resume(store.engagements());

  return {
    close() {
      agents.close();
      waiters.close();
    },
    commands: ccaasCommands({ service, store, agents, faults, settings }),
  };
}
