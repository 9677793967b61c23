/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Event Handling" (verbatim).
AvayaCCaaSChatSDK.on('MESSAGE_ARRIVED', (message) => {
// Show message on UI.
});

// Remove event handler for specific event.
AvayaCCaaSChatSDK.off('MESSAGE_ARRIVED');

// Remove event handlers for all events.
AvayaCCaaSChatSDK.off();
