#!/usr/bin/env bash
# Regenerates the TypeScript types of proto/ into proto/gen (committed). The generator writes
# extensionless relative imports; NodeNext resolution wants ".js", so they are added here.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf proto/gen
npx proto-loader-gen-types --longs=String --enums=String --defaults --oneofs --keepCase=false \
  --grpcLib=@grpc/grpc-js --outDir=proto/gen \
  berth/v1/agent.proto berth/v1/admin.proto grpc/health/v1/health.proto -I proto
find proto/gen -name '*.ts' -print0 | xargs -0 sed -i -E "s#from '(\.\.?/[^']+)'#from '\1.js'#"
