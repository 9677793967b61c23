/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "List all ongoing chats" (verbatim).
const engagements = await AvayaCCaaSChatSDK.getEngagements();
