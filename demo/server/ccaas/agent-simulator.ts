import { randomUUID } from 'node:crypto';
import { AGENT_NAME, greeting, replyTo } from './agent-replies.js';
import type { CcaasService, EngagementObserver } from './service.js';
import type { EngagementRecord, Message, MessageBody, Participant } from './types.js';

/** How long the simulated agent takes: the queue wait before joining, and each answer. */
export interface AgentDelays {
  /** The queue wait before the agent joins a new engagement, in ms. */
  joinMs: number;
  /** How long each answer takes, in ms. */
  replyMs: number;
}

/**
 * One simulated contact-center agent per engagement: joins after a queue wait (unless held),
 * greets, answers every customer message, and leaves when the customer says bye.
 */
export class AgentSimulator implements EngagementObserver {
  readonly #service: CcaasService;
  readonly #timers = new Map<string, Set<NodeJS.Timeout>>();
  readonly #pendingJoins = new Set<string>();
  #delays: AgentDelays;
  #held = false;
  /** Customers (token subjects) whose engagements wait for an agent while the rest go on. */
  readonly #heldCustomers = new Set<string>();

  constructor(service: CcaasService, delays: AgentDelays) {
    this.#service = service;
    this.#delays = { ...delays };
  }

  /** Current delays. */
  get delays(): AgentDelays {
    return { ...this.#delays };
  }

  /** Changes the delays for what is scheduled from now on. */
  setDelays(delays: Partial<AgentDelays>): AgentDelays {
    this.#delays = { ...this.#delays, ...delays };
    return this.delays;
  }

  /**
   * While held no agent joins (only the given customer's engagements, when one is named, so that
   * tests running side by side do not hold each other up); releasing lets the waiting ones get their agent.
   */
  setHeld(held: boolean, engagements: readonly EngagementRecord[], customer?: string): void {
    if (customer === undefined) this.#held = held;
    else if (held) this.#heldCustomers.add(customer);
    else this.#heldCustomers.delete(customer);
    if (!held) this.resume(engagements);
  }

  #isHeld(engagement: EngagementRecord): boolean {
    return this.#held || this.#heldCustomers.has(engagement.subject);
  }

  /** Schedules a join for every active engagement still waiting for an agent (after a restart or a release). */
  resume(engagements: readonly EngagementRecord[]): void {
    for (const engagement of engagements) {
      if (engagement.engagementStatus !== 'TERMINATED' && !agentOf(engagement)) this.#scheduleJoin(engagement);
    }
  }

  /** @inheritdoc */
  engagementCreated(engagement: EngagementRecord): void {
    this.#scheduleJoin(engagement);
  }

  /** @inheritdoc */
  customerMessage(engagement: EngagementRecord, message: Message): void {
    // A message sent while still queued is read by nobody: the agent greets on arrival instead.
    if (!agentOf(engagement)) return;
    this.#later(engagement, this.#delays.replyMs, () => {
      const agent = agentOf(engagement);
      if (!agent) return;
      const reply = replyTo(message.body.elementText.text);
      this.#service.postMessage(engagement, agent, reply.body);
      if (reply.farewell) this.#service.terminate(engagement);
    });
  }

  /** @inheritdoc */
  engagementEnded(engagement: EngagementRecord): void {
    for (const timer of this.#timers.get(engagement.engagementId) ?? []) clearTimeout(timer);
    this.#timers.delete(engagement.engagementId);
    this.#pendingJoins.delete(engagement.engagementId);
  }

  /** Makes the engagement's agent say something (a test control); the agent must have joined. */
  say(engagement: EngagementRecord, body: MessageBody): Message {
    const agent = agentOf(engagement);
    if (!agent) throw new Error(`no agent has joined engagement ${engagement.engagementId} yet`);
    return this.#service.postMessage(engagement, agent, body);
  }

  /** Cancels every pending action. */
  close(): void {
    for (const timers of this.#timers.values()) for (const timer of timers) clearTimeout(timer);
    this.#timers.clear();
    this.#pendingJoins.clear();
  }

  #scheduleJoin(engagement: EngagementRecord): void {
    if (this.#isHeld(engagement) || this.#pendingJoins.has(engagement.engagementId)) return;
    this.#pendingJoins.add(engagement.engagementId);
    this.#later(engagement, this.#delays.joinMs, () => {
      this.#pendingJoins.delete(engagement.engagementId);
      // Held while queued: stay queued until released.
      if (this.#isHeld(engagement) || agentOf(engagement)) return;
      const agent: Participant = { participantId: randomUUID(), participantType: 'AGENT', displayName: AGENT_NAME };
      this.#service.addParticipant(engagement, agent);
      this.#service.postMessage(engagement, agent, greeting(this.#service.customerOf(engagement).displayName));
    });
  }

  #later(engagement: EngagementRecord, delayMs: number, action: () => void): void {
    if (engagement.engagementStatus === 'TERMINATED') return;
    const id = engagement.engagementId;
    let timers = this.#timers.get(id);
    if (!timers) this.#timers.set(id, (timers = new Set()));
    const set = timers;
    const timer = setTimeout(() => {
      set.delete(timer);
      if (engagement.engagementStatus === 'TERMINATED') return;
      try {
        action();
      } catch (error) {
        console.error(`[ccaas] simulated agent failed on engagement ${id}:`, error);
      }
    }, delayMs);
    timer.unref();
    set.add(timer);
  }
}

/** The agent currently connected to an engagement, if any. */
export function agentOf(engagement: EngagementRecord): Participant | undefined {
  return engagement.participants.find((p) => p.participantType === 'AGENT');
}
