# Seed 004, SMS example steps 2 and 3: poll /SMS until a message with a Sid arrives.
session=`curl $BASE/auth -u $ZANG_ACCOUNT_SID:$ZANG_AUTH_TOKEN`
until curl "$BASE/$ZANG_ACCOUNT_SID/SMS?session=$session" | grep Sid;
do
echo "No messages yet.";
done
