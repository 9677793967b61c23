# Seed 004, "Get Session Token" (host replaced by $BASE, credentials by env vars).
curl $BASE/auth -u $ZANG_ACCOUNT_SID:$ZANG_AUTH_TOKEN
