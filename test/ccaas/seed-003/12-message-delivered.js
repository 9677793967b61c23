/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Message Delivery". The guide prints "(message) = {", a syntax error; "=>" is the only change.
AvayaCCaaSChatSDK.on('MESSAGE_DELIVERED', (message) => {
// Show tick on UI.
});
