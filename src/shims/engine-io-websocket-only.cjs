// Avaya Spaces accepts websocket connections only (the widgets pass transports: ['websocket']),
// so the browser bundles replace engine.io-client's transport table with this one and leave the
// XHR/JSONP polling transports (~3 KB gzip) out.
exports.websocket = require('engine.io-client/lib/transports/websocket');
