/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Sending a message" (verbatim).
const message = await engagement.sendMessage("Hello");
console.log(message.messageId);
