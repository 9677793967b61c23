curl https://pubsub-us.cpaas.avayacloud.com/auth -u <AccountSid>:<AuthToken>
