/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Shutdown", second form (verbatim).
AvayaCCaaSChatSDK.shutdown().then((data) => {
// Do UI cleanup after shutdown.
});
