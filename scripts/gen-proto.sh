#!/usr/bin/env bash
# Regenerates the TypeScript types of proto/ into proto/gen (committed), or into the directory
# given (npm test regenerates into a temp directory and diffs, so proto/gen cannot drift from the
# .proto files). The generator writes extensionless relative imports; NodeNext resolution wants
# ".js", so they are added here.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-proto/gen}
rm -rf "$out"
npx proto-loader-gen-types --longs=String --enums=String --defaults --oneofs --keepCase=false \
  --grpcLib=@grpc/grpc-js --outDir="$out" \
  berth/v1/agent.proto berth/v1/admin.proto grpc/health/v1/health.proto -I proto
find "$out" -name '*.ts' -print0 | xargs -0 sed -i -E "s#from '(\.\.?/[^']+)'#from '\1.js'#"
