/** The parts of a socket.io-client@2 socket the Spaces client uses (its bundled typings are for 1.x). */
export interface SpacesSocket {
  /** True while the namespace is connected. */
  readonly connected: boolean;
  /** Namespace CONNECT query; socket.io-client@2 sends it with the namespace join. */
  query?: string | Record<string, string>;
  /** The manager; its `opts.query` is the handshake query used for the next connection. */
  readonly io: { opts: { query?: string | Record<string, string> } };
  /** Adds a listener of a server event or of `connect`, `disconnect`, `connect_error`, `error`. */
  on(event: string, listener: (...args: never[]) => void): unknown;
  /** Removes one listener, every listener of an event, or every listener. */
  off(event?: string, listener?: (...args: never[]) => void): unknown;
  /** Sends an event with one payload. */
  emit(event: string, payload?: unknown): unknown;
  /** Connects (again), with the manager's current query. */
  connect(): unknown;
  /** Disconnects until `connect()`. */
  disconnect(): unknown;
}

/** Creates a socket like socket.io-client@2's `io(url, options)`. */
export type SocketFactory = (url: string, options: { query: string; transports: string[]; forceNew: boolean; reconnectionDelayMax?: number }) => SpacesSocket;
