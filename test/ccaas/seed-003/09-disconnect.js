/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Disconnecting the chat" (verbatim; `engagement` is the page's current chat).
await engagement.disconnect();
