import type { Socket } from 'socket.io';
import { HELPER_USER_ID } from '../demo-data.js';
import { isRecord } from '../http/body.js';
import type { ServiceContext, ServiceHandle } from '../service-context.js';
import { composeMessage } from './compose-message.js';
import { Directory } from './directory.js';
import { FileStore } from './file-store.js';
import { registerFileRoutes, type UploadPace } from './file-routes.js';
import { HelperBot } from './helper-bot.js';
import { MessageStore } from './message-store.js';
import { registerRestRoutes } from './rest-routes.js';
import { seedHistory } from './seed-history.js';
import { SocketHub } from './socket-hub.js';
import { Timers } from './timers.js';
import type { SpaceRecord, SpacesMessage, SpacesUser } from './types.js';
import type { Parsed, SendMessageFrame } from './validate.js';

/** Registers the Avaya Spaces emulation: the `/chat` Socket.IO namespace and the REST API under `/api`. */
export function registerSpaces(ctx: ServiceContext): ServiceHandle {
  const { options, issuer } = ctx;
  const directory = new Directory(options.dataDir);
  const messages = new MessageStore(options.dataDir);
  const files = new FileStore(options.dataDir);
  const timers = new Timers();
  const uploadPace: UploadPace = {};
  seedHistory(messages, directory);

  /** Stores and broadcasts a message; `echo` is the sending socket, `react` lets the helper answer it. */
  const publish = (space: SpaceRecord, sender: SpacesUser, frame: SendMessageFrame, echo?: Socket, react = true): Parsed<SpacesMessage> => {
    const composed = composeMessage({ directory, messages, files }, space, sender, frame);
    if (!composed.ok) return composed;
    const { message, updated } = composed.value;
    messages.save(message);
    hub.broadcastMessage(message, echo ? { socket: echo, loopbackMetadata: frame.loopbackMetadata } : undefined);
    if (react && !updated) helper.onMessage(message);
    return { ok: true, value: message };
  };

  const hub: SocketHub = new SocketHub(ctx.io, {
    issuer,
    directory,
    submit: (user, frame, socket) => {
      const space = directory.space(frame.topicId);
      return space ? publish(space, user, frame, socket) : { ok: false, reason: 'no such space' };
    },
    onPresence: (spaceId, from, category) => helper.onPresence(spaceId, from, category),
  });

  const helperUser = directory.user(HELPER_USER_ID)!;
  const helper = new HelperBot(
    {
      helper: helperUser,
      presence: (spaceId, category, receivers) => hub.sendPresence(spaceId, helperUser, category, {}, receivers),
      say: (spaceId, bodyText) => {
        const space = directory.space(spaceId);
        if (space) publish(space, helperUser, { topicId: spaceId, category: 'chat', content: { bodyText } });
      },
    },
    timers,
    options.reactionDelayMs,
    options.demoBots,
  );

  registerRestRoutes(ctx.router, { issuer, directory, messages, publish: (space, sender, frame) => publish(space, sender, frame) });
  registerFileRoutes(ctx.router, issuer, directory, files, uploadPace);

  return {
    close() {
      timers.clear();
      hub.close();
    },
    commands: {
      /** Cuts every /chat connection at the transport; clients' auto-reconnect brings them back. */
      dropSockets: () => ({ dropped: hub.dropAll() }),
      /** Stores and broadcasts a chat by someone else (as if sent from another device); the helper does not answer it. */
      injectMessage: (payload) => {
        const { spaceId, bodyText, senderId } = record(payload);
        const space = directory.space(String(spaceId));
        const sender = directory.user(String(senderId ?? 'u-bob'));
        if (!space || !sender) throw new Error('injectMessage needs a known spaceId and senderId');
        if (typeof bodyText !== 'string' || bodyText === '') throw new Error('injectMessage needs a bodyText string');
        const sent = publish(space, sender, { topicId: space._id, category: 'chat', content: { bodyText } }, undefined, false);
        if (!sent.ok) throw new Error(sent.reason);
        return sent.value;
      },
      /** Stores and broadcasts `count` chats by someone else ("<prefix> 1"...), as a burst from other devices would. */
      injectMessages: (payload) => {
        const { spaceId, count, senderId, prefix } = record(payload);
        const space = directory.space(String(spaceId));
        const sender = directory.user(String(senderId ?? 'u-bob'));
        if (!space || !sender) throw new Error('injectMessages needs a known spaceId and senderId');
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 20_000) throw new Error('injectMessages needs a count from 1 to 20000');
        const label = typeof prefix === 'string' && prefix !== '' ? prefix : 'message';
        for (let i = 1; i <= count; i += 1) {
          const sent = publish(space, sender, { topicId: space._id, category: 'chat', content: { bodyText: `${label} ${i}` } }, undefined, false);
          if (!sent.ok) throw new Error(sent.reason);
        }
        return { count };
      },
      /** Emits any frame, possibly malformed, to the sockets subscribed to a space. */
      sendRawFrame: (payload) => {
        const { spaceId, event, payload: frame } = record(payload);
        if (typeof spaceId !== 'string' || typeof event !== 'string') throw new Error('sendRawFrame needs spaceId and event strings');
        return { delivered: hub.emitRaw(spaceId, event, frame) };
      },
      /** Reads uploads at `bytesPerSecond` (as over a slow link) so a transfer stays in progress; 0 or none: full speed. */
      paceUploads: (payload) => {
        const { bytesPerSecond } = record(payload);
        if (bytesPerSecond !== undefined && bytesPerSecond !== 0 && (typeof bytesPerSecond !== 'number' || !(bytesPerSecond > 0))) throw new Error('paceUploads needs a positive bytesPerSecond, or 0 to stop pacing');
        if (bytesPerSecond) uploadPace.bytesPerSecond = bytesPerSecond;
        else delete uploadPace.bytesPerSecond;
        return { bytesPerSecond: uploadPace.bytesPerSecond ?? 0 };
      },
      /** How many uploaded files the store holds (an upload that was cancelled never counts). */
      uploadedFiles: () => ({ count: files.uploadedCount }),
      /** How many messages a space holds. */
      messageCount: (payload) => ({ count: messages.count(String(record(payload).spaceId)) }),
    },
  };
}

function record(payload: unknown): Record<string, unknown> {
  return isRecord(payload) ? payload : {};
}
