until curl 'https://pubsub-us.cpaas.avayacloud.com/AC948550ad81934a1a9bcd33b689c0c236/SMS?session=3874f087-36ab-4d1b-bf43-dd8f2b8e460f' | grep Sid;
do
echo "No messages yet.";
done
