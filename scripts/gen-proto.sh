#!/usr/bin/env bash
# Regenerates what is made from proto/*.proto, both committed: the TypeScript types (proto/gen) and
# the compiled descriptors the controller's gRPC reflection serves (proto/descriptors.binpb, by
# `buf build`). With an argument, writes them into that directory instead (OUT/gen,
# OUT/descriptors.binpb): npm test regenerates into a temp directory and compares, so neither can
# drift from the .proto files. The type generator writes extensionless relative imports; NodeNext
# resolution wants ".js", so they are added here.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-proto}
rm -rf "$out/gen"
mkdir -p "$out"
npx proto-loader-gen-types --longs=String --enums=String --defaults --oneofs --keepCase=false \
  --grpcLib=@grpc/grpc-js --outDir="$out/gen" \
  berth/v1/agent.proto berth/v1/admin.proto grpc/health/v1/health.proto -I proto
find "$out/gen" -name '*.ts' -print0 | xargs -0 sed -i -E "s#from '(\.\.?/[^']+)'#from '\1.js'#"
npx buf build proto -o "$out/descriptors.binpb"
