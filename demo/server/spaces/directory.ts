import { randomBytes } from 'node:crypto';
import { DEMO_SPACES, DEMO_USERS } from '../demo-data.js';
import { EventLog } from '../store/event-log.js';
import type { SpaceRecord, SpacesUser } from './types.js';

/** Spaces guests may join without an invitation (the vendor's "open to guests" setting). */
const GUEST_SPACE_IDS = new Set(['sp-general']);

/** Why someone may not use a space, or `ok`. */
export type SpaceAccess = 'ok' | 'not-found' | 'not-member' | 'password-required' | 'password-invalid';

/** People and rooms: the demo ones plus guests and direct spaces created at run time (persisted). */
export class Directory {
  readonly #users = new Map<string, SpacesUser>();
  readonly #spaces = new Map<string, SpaceRecord>();
  readonly #guestLog: EventLog<SpacesUser>;
  readonly #directLog: EventLog<SpaceRecord>;

  constructor(dataDir: string | undefined) {
    for (const user of DEMO_USERS) this.#users.set(user._id, { ...user, type: 'user', picture_url: '' });
    for (const space of DEMO_SPACES) {
      this.#spaces.set(space._id, { ...space, members: [...space.members], type: 'group', openToGuests: GUEST_SPACE_IDS.has(space._id) });
    }
    this.#guestLog = new EventLog<SpacesUser>(dataDir, 'spaces-guests');
    for (const guest of this.#guestLog.records) this.#users.set(guest._id, guest);
    this.#directLog = new EventLog<SpaceRecord>(dataDir, 'spaces-direct');
    for (const space of this.#directLog.records) this.#spaces.set(space._id, space);
  }

  /** A user or guest by id. */
  user(id: string): SpacesUser | undefined {
    return this.#users.get(id);
  }

  /** A space by id. */
  space(id: string): SpaceRecord | undefined {
    return this.#spaces.get(id);
  }

  /** Every space `userId` belongs to. */
  spacesOf(userId: string): SpaceRecord[] {
    return [...this.#spaces.values()].filter((space) => this.isMember(space, userId));
  }

  /** Listed members, plus guests for spaces open to guests. */
  isMember(space: SpaceRecord, userId: string): boolean {
    if (space.members.includes(userId)) return true;
    return space.openToGuests === true && this.#users.get(userId)?.type === 'anonymous';
  }

  /** Members as the members endpoint lists them. */
  membersOf(space: SpaceRecord): SpacesUser[] {
    const ids = new Set(space.members);
    if (space.openToGuests) for (const user of this.#users.values()) if (user.type === 'anonymous') ids.add(user._id);
    return [...ids].map((id) => this.#users.get(id)).filter((user): user is SpacesUser => user !== undefined);
  }

  /** Checks membership and, for locked spaces, the PIN. */
  access(spaceId: string, userId: string, password: string | undefined): SpaceAccess {
    const space = this.#spaces.get(spaceId);
    if (!space) return 'not-found';
    if (!this.isMember(space, userId)) return 'not-member';
    if (space.password === undefined) return 'ok';
    if (password === undefined || password === '') return 'password-required';
    return password === space.password ? 'ok' : 'password-invalid';
  }

  /** Registers a guest (`POST /anonymous/auth`). */
  addGuest(displayname: string, username: string): SpacesUser {
    const guest: SpacesUser = { _id: `anon-${randomBytes(8).toString('hex')}`, type: 'anonymous', username, displayname, picture_url: '' };
    this.#users.set(guest._id, guest);
    this.#guestLog.append(guest);
    return guest;
  }

  /** The direct space between two people, created on first use like the vendor does. */
  directSpace(a: SpacesUser, b: SpacesUser): SpaceRecord {
    const [first, second] = [a._id, b._id].sort();
    const id = `dm-${first}--${second}`;
    const existing = this.#spaces.get(id);
    if (existing) return existing;
    const space: SpaceRecord = { _id: id, title: `${a.displayname}, ${b.displayname}`, description: '', type: 'direct', members: [a._id, b._id] };
    this.#spaces.set(id, space);
    this.#directLog.append(space);
    return space;
  }
}

/** Space info as clients see it: never the PIN, but whether one is needed. */
export function publicSpace(space: SpaceRecord): Record<string, unknown> {
  return {
    _id: space._id,
    title: space.title,
    description: space.description,
    type: space.type,
    memberCount: space.members.length,
    settings: { passwordProtected: space.password !== undefined, allowGuests: space.openToGuests === true },
  };
}
