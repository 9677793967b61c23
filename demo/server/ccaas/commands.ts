import { isRecord } from '../http/body.js';
import type { AgentSimulator } from './agent-simulator.js';
import type { FaultInjector } from './faults.js';
import type { CcaasSettings } from './routes.js';
import { toWire, type CcaasService } from './service.js';
import type { CcaasStore } from './store.js';
import { textFormatFrom, textFrom } from './validate.js';

/** What the test controls act on. */
export interface CommandDeps {
  /** The platform's rules and state. */
  service: CcaasService;
  /** Its storage (every engagement, for holding and releasing agents). */
  store: CcaasStore;
  /** The simulated agents. */
  agents: AgentSimulator;
  /** Failures the next calls are to meet. */
  faults: FaultInjector;
  /** Tunables (the poll window). */
  settings: CcaasSettings;
}

const MAX_DELAY_MS = 10 * 60_000;

/** Test controls of the ccaas emulation (`backend.command('ccaas', name, payload)`). */
export function ccaasCommands(deps: CommandDeps): Record<string, (payload: unknown) => unknown> {
  const { service, store, agents, faults, settings } = deps;
  return {
    /** `{ joinMs?, replyMs? }`: the agent's queue wait and answer time. */
    setAgentDelays(payload) {
      const input = record(payload);
      return agents.setDelays({
        ...(input.joinMs !== undefined ? { joinMs: whole(input.joinMs, 'joinMs', 0, MAX_DELAY_MS) } : {}),
        ...(input.replyMs !== undefined ? { replyMs: whole(input.replyMs, 'replyMs', 0, MAX_DELAY_MS) } : {}),
      });
    },
    /** `{ hold, customer? }`: while true no agent joins (only that customer's chats, when named), so the waiting state can be observed. */
    holdAgent(payload) {
      const { hold, customer } = record(payload);
      if (typeof hold !== 'boolean') throw new Error('holdAgent needs { hold: boolean }');
      if (customer !== undefined && typeof customer !== 'string') throw new Error('holdAgent customer must be a token subject');
      agents.setHeld(hold, store.engagements(), customer);
      return { hold };
    },
    /** `{ engagementId }`: the agent ends the chat (the demo's "agent ends chat" button). */
    endEngagement(payload) {
      return toWire(service.terminate(service.anyEngagement(text(record(payload).engagementId, 'engagementId'))));
    },
    /** `{ engagementId, text, textFormat? }`: the joined agent says something. */
    agentSay(payload) {
      const input = record(payload);
      const engagement = service.anyEngagement(text(input.engagementId, 'engagementId'));
      return agents.say(engagement, { elementType: 'TEXT', elementText: { text: textFrom(input.text), textFormat: textFormatFrom(input.textFormat) } });
    },
    /** `{ sessionId }`: the platform drops a session; its calls answer 404 Session not found. */
    expireSession(payload) {
      service.endSession(service.anySession(text(record(payload).sessionId, 'sessionId')));
      return { expired: true };
    },
    /** `{ count, status? }`: the next `count` calls fail with `status` (default 503). */
    failNextRequests(payload) {
      const input = record(payload);
      const count = whole(input.count, 'count', 0, 1000);
      const status = input.status === undefined ? 503 : whole(input.status, 'status', 400, 599);
      faults.failNext(count, status);
      return { count, status };
    },
    /** `{ ms }`: how long an events long-poll waits for news (30 s by default). */
    setPollWindow(payload) {
      settings.pollWindowMs = whole(record(payload).ms, 'ms', 1, 120_000);
      return { ms: settings.pollWindowMs };
    },
  };
}

function record(payload: unknown): Record<string, unknown> {
  if (!isRecord(payload)) throw new Error('this command needs an object payload');
  return payload;
}

function whole(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${name} must be a non-empty string`);
  return value;
}
