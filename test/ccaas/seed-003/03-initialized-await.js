/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Waiting for initialization to complete", await form ("init(...)" filled with init values).
// Attach the handler for 'INITIALIZED' event before making the AvayaCCaaSChatSDK.init() call
AvayaCCaaSChatSDK.on('INITIALIZED', (userContext) => {
// Code to run after initialization
});

// Init parameters are not shown in this example for brevity.
let userContext = await AvayaCCaaSChatSDK.init(SEED_ENV.params);
