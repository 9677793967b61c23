import { randomBytes } from 'node:crypto';
import type { Namespace, Server, Socket } from 'socket.io';
import type { TokenIssuer } from '../auth/token-issuer.js';
import { isRecord } from '../http/body.js';
import type { Directory, SpaceAccess } from './directory.js';
import type { SpacesMessage, SpacesUser } from './types.js';
import { frameSize, parseChannel, parsePresence, parseSendMessage, type Parsed, type SendMessageFrame } from './validate.js';

/** Presence categories the roster protocol uses. */
export const PRESENCE_ONLINE = 'app.event.presence.party.online';
export const PRESENCE_LEAVES = 'app.event.presence.party.leaves';
export const PRESENCE_TYPING = 'party.typing';

/** What the hub needs from the rest of the emulation. */
export interface HubDependencies {
  issuer: TokenIssuer;
  directory: Directory;
  /** Composes, stores and broadcasts a message sent over a socket (the hub echoes it to `socket`). */
  submit(user: SpacesUser, frame: SendMessageFrame, socket: Socket): Parsed<SpacesMessage>;
  /** Told about every relayed presence event (the helper answers `party.online`). */
  onPresence(spaceId: string, from: SpacesUser, category: string): void;
}

interface Session {
  user: SpacesUser;
  sessionId: string;
  spaces: Set<string>;
}

const SUBSCRIBE_FAILURES: Record<Exclude<SpaceAccess, 'ok'>, string> = {
  'not-found': 'app.event.channel.not.found',
  'not-member': 'app.event.channel.forbidden',
  'password-required': 'app.event.channel.password.required',
  'password-invalid': 'app.event.channel.password.invalid',
};

const SUBSCRIBE_REASONS: Record<Exclude<SpaceAccess, 'ok'>, string> = {
  'not-found': 'no such space',
  'not-member': 'you are not a member of this space',
  'password-required': 'this space needs its PIN in channel.password',
  'password-invalid': 'wrong space PIN',
};

/**
 * The `/chat` Socket.IO namespace: authenticates the handshake, keeps which socket subscribed to
 * which space, and fans messages and presence out to the subscribers.
 */
export class SocketHub {
  readonly #nsp: Namespace;
  readonly #deps: HubDependencies;
  readonly #sessions = new Map<Socket, Session>();
  readonly #subscribers = new Map<string, Set<Socket>>();

  constructor(io: Server, deps: HubDependencies) {
    this.#deps = deps;
    this.#nsp = io.of('/chat');
    // Refusing in middleware makes socket.io send an ERROR packet: the client gets an 'error' event with this text.
    this.#nsp.use((socket, next) => {
      this.#authenticate(socket).then(
        (problem) => next(problem === undefined ? undefined : new Error(`Authentication error: ${problem}`)),
        (error: unknown) => next(new Error(`Authentication error: ${(error as Error).message}`)),
      );
    });
    this.#nsp.on('connection', (socket: Socket) => this.#attach(socket));
  }

  /** Sends a message to every socket subscribed to its space; `echo` gets its own copy with the loopback metadata. */
  broadcastMessage(message: SpacesMessage, echo?: { socket: Socket; loopbackMetadata: unknown }): void {
    for (const socket of this.#subscribers.get(message.topicId) ?? []) {
      if (echo && socket === echo.socket) {
        socket.emit('MESSAGE_SENT', echo.loopbackMetadata === undefined ? message : { ...message, loopbackMetadata: echo.loopbackMetadata });
      } else {
        socket.emit('MESSAGE_SENT', message);
      }
    }
  }

  /** Relays a presence event from `from` to the space's sockets, except `except`; `receivers` narrows it to those users. */
  sendPresence(spaceId: string, from: SpacesUser, category: string, content: Record<string, unknown>, receivers: string[], except?: Socket): void {
    const event = { category, topicId: spaceId, content, sender: from, receivers };
    for (const socket of this.#subscribers.get(spaceId) ?? []) {
      if (socket === except) continue;
      const user = this.#sessions.get(socket)?.user;
      if (receivers.length > 0 && (!user || !receivers.includes(user._id))) continue;
      socket.emit('PRESENCE_EVENT_RESPONSE', event);
    }
  }

  /** Emits an arbitrary frame to a space's subscribers (for clients' bad-input tests); returns how many got it. */
  emitRaw(spaceId: string, event: string, payload: unknown): number {
    const sockets = [...(this.#subscribers.get(spaceId) ?? [])];
    for (const socket of sockets) socket.emit(event, payload);
    return sockets.length;
  }

  /** Cuts every `/chat` connection at the transport, so clients see a lost connection and reconnect. */
  dropAll(): number {
    const sockets = [...this.#sessions.keys()];
    // Closing the engine connection, not the namespace: a namespace DISCONNECT tells socket.io-client not to reconnect.
    // engine.io's Socket has close(); @types/socket.io@2 leaves it out.
    for (const socket of sockets) (socket.conn as unknown as { close(): void }).close();
    return sockets.length;
  }

  /** Closes every socket and forgets the namespace's handlers. */
  close(): void {
    this.dropAll();
    this.#nsp.removeAllListeners();
  }

  async #authenticate(socket: Socket): Promise<string | undefined> {
    const query = socket.handshake.query as Record<string, unknown>;
    const tokenType = query.tokenType;
    if (tokenType !== undefined && tokenType !== 'jwt' && tokenType !== 'oauth') return 'tokenType must be "jwt" or "oauth"';
    // The emulation mints only JWTs; an oauth token is checked the same way, so either tokenType works with them.
    const token = typeof query.token === 'string' ? query.token : undefined;
    const check = await this.#deps.issuer.verify('spaces', token);
    if (!check.ok) return check.reason;
    const user = this.#deps.directory.user(check.subject);
    if (!user) return `unknown user "${check.subject}"`;
    this.#sessions.set(socket, { user, sessionId: randomBytes(12).toString('hex'), spaces: new Set() });
    return undefined;
  }

  #attach(socket: Socket): void {
    const session = this.#sessions.get(socket);
    if (!session) {
      socket.disconnect(true);
      return;
    }
    const guard = (name: string, handle: (payload: unknown) => void) =>
      socket.on(name, (payload: unknown) => {
        try {
          handle(payload);
        } catch (error) {
          console.error(`[spaces] ${name} failed:`, error);
        }
      });
    guard('SUBSCRIBE_CHANNEL', (payload) => this.#subscribe(socket, session, payload));
    guard('UNSUBSCRIBE_CHANNEL', (payload) => this.#unsubscribe(socket, session, payload));
    guard('SEND_MESSAGE', (payload) => this.#send(socket, session, payload));
    guard('SEND_PRESENCE_EVENT', (payload) => this.#presence(socket, session, payload));
    socket.on('disconnect', () => {
      for (const spaceId of [...session.spaces]) this.#leave(socket, session, spaceId);
      this.#sessions.delete(socket);
    });
  }

  #subscribe(socket: Socket, session: Session, payload: unknown): void {
    const parsed = parseChannel(payload);
    if (!parsed.ok) {
      socket.emit('SUBSCRIBE_CHANNEL_FAILED', { channel: channelOf(payload), type: 'app.event.channel.invalid', reason: parsed.reason });
      return;
    }
    const { spaceId, password } = parsed.value;
    const access = this.#deps.directory.access(spaceId, session.user._id, password);
    if (access !== 'ok') {
      socket.emit('SUBSCRIBE_CHANNEL_FAILED', { channel: { _id: spaceId, type: 'topic' }, type: SUBSCRIBE_FAILURES[access], reason: SUBSCRIBE_REASONS[access] });
      return;
    }
    session.spaces.add(spaceId);
    const sockets = this.#subscribers.get(spaceId) ?? new Set<Socket>();
    sockets.add(socket);
    this.#subscribers.set(spaceId, sockets);
    socket.emit('CHANNEL_SUBSCRIBED', { channel: { _id: spaceId, type: 'topic' }, sessionId: session.sessionId });
  }

  #unsubscribe(socket: Socket, session: Session, payload: unknown): void {
    const parsed = parseChannel(payload);
    if (!parsed.ok) {
      socket.emit('SUBSCRIBE_CHANNEL_FAILED', { channel: channelOf(payload), type: 'app.event.channel.invalid', reason: parsed.reason });
      return;
    }
    const { spaceId } = parsed.value;
    if (session.spaces.has(spaceId)) this.#leave(socket, session, spaceId);
    socket.emit('CHANNEL_UNSUBSCRIBED', { channel: { _id: spaceId, type: 'topic' } });
  }

  /** Drops a subscription; the others hear `party.leaves` once the user's last socket in the space is gone. */
  #leave(socket: Socket, session: Session, spaceId: string): void {
    session.spaces.delete(spaceId);
    const sockets = this.#subscribers.get(spaceId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.#subscribers.delete(spaceId);
    const stillThere = [...(sockets ?? [])].some((other) => this.#sessions.get(other)?.user._id === session.user._id);
    if (!stillThere) this.sendPresence(spaceId, session.user, PRESENCE_LEAVES, {}, []);
  }

  #send(socket: Socket, session: Session, payload: unknown): void {
    const parsed = parseSendMessage(payload);
    if (!parsed.ok) {
      socket.emit('SEND_MESSAGE_FAILED', { ...echoFields(payload), type: 'app.event.message.invalid', reason: parsed.reason });
      return;
    }
    const frame = parsed.value;
    if (!session.spaces.has(frame.topicId)) {
      socket.emit('SEND_MESSAGE_FAILED', { ...echoFields(payload), type: 'app.event.channel.subscription.required', reason: 'subscribe to the space (SUBSCRIBE_CHANNEL) before sending to it' });
      return;
    }
    const sent = this.#deps.submit(session.user, frame, socket);
    if (!sent.ok) socket.emit('SEND_MESSAGE_FAILED', { ...echoFields(payload), type: 'app.event.message.rejected', reason: sent.reason });
  }

  #presence(socket: Socket, session: Session, payload: unknown): void {
    const parsed = parsePresence(payload);
    if (!parsed.ok) {
      socket.emit('SEND_MESSAGE_FAILED', { ...echoFields(payload), type: 'app.event.presence.invalid', reason: parsed.reason });
      return;
    }
    const { topicId, category, content, receivers } = parsed.value;
    if (!session.spaces.has(topicId)) {
      socket.emit('SEND_MESSAGE_FAILED', { topicId, category, type: 'app.event.channel.subscription.required', reason: 'subscribe to the space before sending presence to it' });
      return;
    }
    this.sendPresence(topicId, session.user, category, content, receivers, socket);
    this.#deps.onPresence(topicId, session.user, category);
  }
}

/** The fields of a refused frame worth sending back so the client can match the failure to its send. */
function echoFields(payload: unknown): Record<string, unknown> {
  if (!isRecord(payload)) return {};
  const out: Record<string, unknown> = {};
  if (typeof payload.topicId === 'string' && payload.topicId.length <= 200) out.topicId = payload.topicId;
  if (typeof payload.category === 'string' && payload.category.length <= 100) out.category = payload.category;
  // A huge loopbackMetadata is what made some frames too large: it is not worth sending back.
  if ('loopbackMetadata' in payload && frameSize(payload.loopbackMetadata) <= 1024) out.loopbackMetadata = payload.loopbackMetadata;
  return out;
}

function channelOf(payload: unknown): { _id?: string; type: 'topic' } {
  const id = isRecord(payload) && isRecord(payload.channel) ? payload.channel._id : undefined;
  return typeof id === 'string' && id.length <= 200 ? { _id: id, type: 'topic' } : { type: 'topic' };
}
