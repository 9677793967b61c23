// The client code of the vendor's Socket.IO tutorial (shared/seeds/001, sections 3 to 5), kept
// as written there, typos included (`getElementbyId`, `onClick`). Substitutions, and nothing else:
// the socket URL and token come from the test page (`spacesSocketUrl`, `token`), and the empty
// ids the tutorial leaves for the reader to fill are `spaceId` and `userId`.
/* global io, token, spacesSocketUrl, spaceId, userId */

var socketURL = spacesSocketUrl;
var connectionPayload = {
    query: "token=" + token + "&tokenType=jwt"
};
var socketConnection = io.connect(socketURL, connectionPayload);

socketConnection.on('connect', function() {
    console.log("Socket connection success!");
});
socketConnection.on('connect_error', function(error) {
    console.log('Socket connection error: ' + error);
});
socketConnection.on('error', function(error) {
    console.log('Socket error: ' + error);
});
socketConnection.on('disconnect', function() {
    console.log('Socket disconnected.');
});

socketConnection.on('MESSAGE_SENT', function(message) {
    console.log('Message received: ' + message);
});

var subscribeButton = document.getElementbyId('subscribeButton');
subscribeButton.onClick = function() {
    var spaceToSubscribe = {
        channel: {
          _id: spaceId,
           type: 'topic'
        }
    };
    socketConnection.emit('SUBSCRIBE_CHANNEL', spaceToSubscribe);
}
socketConnection.on('CHANNEL_SUBSCRIBED', function() {
    console.log('Subscribe to space successful!');
});
socketConnection.on('SUBSCRIBE_CHANNEL_FAILED', function(error) {
    console.log('Failed to subscribe to space: ' + error);
});

var sendButton = document.getElementbyId('sendMessage');

sendButton.onClick = function () {
  var message = {
    content: {
      bodyText: "hello",
    },
    sender: {
      _id: userId,
      type: "user",
    },
    category: "chat",
    topicId: spaceId,
  };
  socketConnection.emit("SEND_MESSAGE", message);
};
