/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Starting a new chat" (verbatim).
const engagement = await AvayaCCaaSChatSDK.createEngagement({
"availableBalance" : "100"
});
