/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Initialization": call signature example of AvayaCCaaSChatSDK.init() (init values replaced).
const configs = {
reconnectionTimeout: 120,
idleTimeout: 300,
idleShutdownGraceTimeout: 30,
logLevel: "DEBUG"
}

let userContext = await AvayaCCaaSChatSDK.init({
hostURL: SEED_ENV.hostURL,
integrationId: SEED_ENV.integrationId,
token: SEED_ENV.token,
appkey: SEED_ENV.appkey,
sessionParameters: {
"model" : "ABC-123"
}
}, configs);
