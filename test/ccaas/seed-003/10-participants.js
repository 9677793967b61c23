/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Getting Participant details" (the "<engagement id>" / "<participant id>" placeholders filled in).
const engagement = AvayaCCaaSChatSDK.getEngagementById(SEED_ENV.engagementId);

const participants = engagement.getParticipants();
const participant = engagement.getParticipantById(SEED_ENV.participantId);
