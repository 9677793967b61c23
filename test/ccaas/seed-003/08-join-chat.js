/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Joining an ongoing chat" (the "<engagement id>" placeholder filled in).
const engagement = AvayaCCaaSChatSDK.getEngagementById(SEED_ENV.engagementId);

await engagement.join();
