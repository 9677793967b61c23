# Seed 004, "Hello World Call Control".
# Answer URL = $BASE/$ZANG_ACCOUNT_SID/call.xml
session=`curl $BASE/auth -u $ZANG_ACCOUNT_SID:$ZANG_AUTH_TOKEN`
req=`curl "$BASE/$ZANG_ACCOUNT_SID/call.xml?session=$session&timeout=10s"`
call_sid=`echo "$req" | grep -oh "CA\w*" | head -n 1`
curl "$BASE/$ZANG_ACCOUNT_SID/call.xml/$call_sid" \
-H "Content-Type: application/xml" \
-d "<Response>
<Say>Unit test successful</Say>
<Redirect>/$ZANG_ACCOUNT_SID/call.xml</Redirect>
</Response>"
