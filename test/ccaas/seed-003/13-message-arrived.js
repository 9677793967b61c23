/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Receiving Messages". The guide prints "(message) = {", a syntax error; "=>" is the only change.
AvayaCCaaSChatSDK.on('MESSAGE_ARRIVED', (message) => {
// Show new message on UI.
});
