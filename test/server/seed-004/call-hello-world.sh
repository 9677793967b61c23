# Answer URL = https://pubsub-us.cpaas.avayacloud.com/$ZANG_ACCOUNT_SID/call.xml
session=`curl https://pubsub-us.cpaas.avayacloud.com/auth -u $ZANG_ACCOUNT_SID:$ZANG_AUTH_TOKEN`
req=`curl "https://pubsub-us.cpaas.avayacloud.com/$ZANG_ACCOUNT_SID/call.xml?session=$session&timeout=10s"`
call_sid=`echo "$req" | grep -oh "CA\w*" | head -n 1`
curl "https://pubsub-us.cpaas.avayacloud.com/$ZANG_ACCOUNT_SID/call.xml/$call_sid" \
-H "Content-Type: application/xml" \
-d "<Response>
<Say>Unit test successful</Say>
<Redirect>/$ZANG_ACCOUNT_SID/call.xml</Redirect>
</Response>"
