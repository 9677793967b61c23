/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Shutdown", third form (verbatim).
await AvayaCCaaSChatSDK.shutdown();
// Do UI cleanup after shutdown.
