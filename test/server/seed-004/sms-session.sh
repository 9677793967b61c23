curl https://pubsub-us.cpaas.avayacloud.com/auth -u AC948550ad81934a1a9bcd33b689c0c236:$ZANG_AUTH_TOKEN
