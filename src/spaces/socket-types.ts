/** The parts of a socket.io-client@2 socket the Spaces client uses (its bundled typings are for 1.x). */
export interface SpacesSocket {
  readonly connected: boolean;
  /** Namespace CONNECT query; socket.io-client@2 sends it with the namespace join. */
  query?: string | Record<string, string>;
  /** The manager; its `opts.query` is the handshake query used for the next connection. */
  readonly io: { opts: { query?: string | Record<string, string> } };
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event?: string, listener?: (...args: never[]) => void): unknown;
  emit(event: string, payload?: unknown): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

/** Creates a socket like socket.io-client@2's `io(url, options)`. */
export type SocketFactory = (url: string, options: { query: string; transports: string[]; forceNew: boolean; reconnectionDelayMax?: number }) => SpacesSocket;
