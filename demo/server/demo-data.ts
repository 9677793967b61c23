/** The people, rooms and accounts the demo backend starts with. */

/** A Spaces user of the demo. */
export interface DemoUser {
  _id: string;
  username: string;
  displayname: string;
}

/** A Spaces room of the demo. */
export interface DemoSpace {
  _id: string;
  title: string;
  description: string;
  members: string[];
  /** The space PIN, when the room is locked. */
  password?: string;
}

export const HELPER_USER_ID = 'u-helper';

export const DEMO_USERS: DemoUser[] = [
  { _id: 'u-alice', username: 'alice@example.com', displayname: 'Alice Nguyen' },
  { _id: 'u-bob', username: 'bob@example.com', displayname: 'Bob Martins' },
  { _id: 'u-carol', username: 'carol@example.com', displayname: 'Carol Diaz' },
  { _id: HELPER_USER_ID, username: 'helper@example.com', displayname: 'Ada (helper)' },
];

export const DEMO_SPACES: DemoSpace[] = [
  { _id: 'sp-general', title: 'General', description: 'Everyone, plus Ada who answers questions', members: ['u-alice', 'u-bob', 'u-carol', HELPER_USER_ID] },
  { _id: 'sp-design', title: 'Design reviews', description: 'Alice and Bob only', members: ['u-alice', 'u-bob'] },
  { _id: 'sp-locked', title: 'Locked room', description: 'Needs the PIN 2468', members: ['u-alice', 'u-bob', 'u-carol'], password: '2468' },
];

/** The chat platform integration the demo serves. */
export const DEMO_CCAAS = {
  integrationId: '5f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  appkey: 'demo-appkey-7d1f0c2b9e',
};

/** The PubSub accounts: the demo one, and another one to show that queues are per account. */
export const DEMO_PUBSUB_ACCOUNTS = [
  { accountSid: 'AC948550ad81934a1a9bcd33b689c0c236', authToken: 'demo-auth-token-5c2e9a' },
  { accountSid: 'AC0000000000000000000000000000beef', authToken: 'other-auth-token-13f7' },
];
