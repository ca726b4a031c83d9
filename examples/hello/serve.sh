#!/bin/sh
# Writes the page from what Berth gives every instance, then serves it on $PORT.
set -e
mkdir -p /www
cat > /www/index.html <<HTML
<!doctype html>
<title>$APP $BERTH_RELEASE</title>
<h1>Hello from $APP</h1>
<p>release <b>$BERTH_RELEASE</b>, CONTAINER_VERSION <b>$CONTAINER_VERSION</b> (the git commit it was built from)</p>
<p>container $CONTAINER, deployment $BERTH_DEPLOYMENT_ID</p>
HTML
exec httpd -f -p "$PORT" -h /www
