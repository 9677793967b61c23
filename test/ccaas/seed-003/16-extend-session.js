/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Extending the Session" (verbatim).
function showWarningBox(eventPayload) {
const continueChatButton = document.getElementById('inactivity-warning-continue-chat');

continueChatButton.onclick = () => {
AvayaCCaaSChatSDK.resetTimer();
}
// ...
setTimeout(hideWarningBox, eventPayload.gracePeriod);
}

function hideWarningBox() {
// ...
}

AvayaCCaaSChatSDK.on('IDLE_TIMEOUT', showWarningBox);
