/* eslint-disable -- the vendor guide's samples, kept verbatim; page globals stand in for its environment */
// Seed 003 "Fetching all messages of an ongoing chat". The guide's onclick uses `await` in a plain
// function, a syntax error; "async" is the only change.
function showMessagesOnUI(messages) {
// Logic to show messages on UI.
// ...
}

const iterator = await engagement.getMessages(15);

showMessagesOnUI(iterator.items);

const loadMore = document.getElementById('load-more-button');

loadMore.onclick = async function () {
if (iterator.hasPrevious()) {
await iterator.previous();
showMessagesOnUI(iterator.items);
}
}
