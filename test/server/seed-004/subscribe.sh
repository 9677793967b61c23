# Seed 004, "Subscribe to a topic": the session from /auth, then the seed's verbose subscribe.
session=`curl -s $BASE/auth -u $ZANG_ACCOUNT_SID:$ZANG_AUTH_TOKEN`
curl -v "$BASE/$ZANG_ACCOUNT_SID/a/b?session=$session&timeout=5s"
