curl -v 'https://pubsub-us.cpaas.avayacloud.com/AC948550ad81934a1a9bcd33b689c0c236/a/b?session=5ff34c5d-5048-468b-b6c2-384d88efbb4d&timeout=5s'
