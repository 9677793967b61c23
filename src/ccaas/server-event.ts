import type { ServerEvent, ServerEventType } from './types.js';

const EVENT_TYPES = new Set<ServerEventType>(['MESSAGE', 'PARTICIPANT_ADDED', 'PARTICIPANT_DISCONNECTED', 'ENGAGEMENT_CREATED', 'ENGAGEMENT_ERROR']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Validates one element of a long-poll response; undefined drops it. Events must carry the
 * payload their type promises, so the rest of the engine can rely on it.
 */
export function parseServerEvent(value: unknown): ServerEvent | undefined {
  if (!isObject(value)) return undefined;
  const { eventId, eventType, engagementId, dialogId } = value;
  if (!isString(eventId) || !isString(engagementId) || typeof dialogId !== 'string') return undefined;
  if (!EVENT_TYPES.has(eventType as ServerEventType)) return undefined;
  const event = value as unknown as ServerEvent;
  if ((eventType === 'PARTICIPANT_ADDED' || eventType === 'PARTICIPANT_DISCONNECTED') && !isParticipant(event.participant)) return undefined;
  if (eventType === 'MESSAGE' && !isMessage(event.message)) return undefined;
  return event;
}

function isParticipant(value: unknown): boolean {
  return isObject(value) && isString(value.participantId) && isString(value.participantType);
}

function isMessage(value: unknown): boolean {
  if (!isObject(value) || !isString(value.messageId) || !isParticipant(value.senderParticipant) || typeof value.messageIndex !== 'number') return false;
  const body = value.body;
  if (!isObject(body) || !isObject(body.elementText)) return false;
  return typeof body.elementText.text === 'string';
}
