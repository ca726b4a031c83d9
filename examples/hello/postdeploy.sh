#!/bin/sh
# Runs once per deployment, in a one-off container, after every new instance is healthy and
# before traffic moves: where migrations would go. Its output shows in `berth deploy --wait`.
echo "postdeploy: migrating the database for $APP $BERTH_RELEASE at commit $CONTAINER_VERSION (pretend)"
echo "postdeploy: done"
