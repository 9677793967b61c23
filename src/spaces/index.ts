/** The framework-free Avaya Spaces client: shared sockets, rooms, REST, wire types. */
export { openRoom, openConnectionCount, type OpenRoomOptions, type RoomLease } from './registry.js';
export { SpacesConnection, type ConnectionEvents, type ConnectionOptions } from './connection.js';
export { SpacesRoom, HISTORY_PAGE, type ConnectionState, type PendingMessage, type RoomEvents, type SubscriptionState } from './room.js';
export { SpacesRestClient, SpacesRestError, type RestClientOptions, type TokenSource, type UploadProgress } from './rest-client.js';
export { SocketIoV2, socketIoV2, type SocketIoV2Options } from './socket-io-v2.js';
export { FileUpload, type UploadState } from './upload.js';
export { Timeline } from './timeline.js';
export type { SocketFactory, SpacesSocket } from './socket-types.js';
export * from './types.js';
