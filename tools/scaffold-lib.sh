#!/usr/bin/env bash
# Creates an empty library with the project's standard files: tools/scaffold-lib.sh NAME TYPE [SCOPE]
set -euo pipefail
name=$1 type=$2 scope=${3:-shared}
dir=libs/$name
mkdir -p "$dir/src"
cat > "$dir/package.json" <<JSON
{
  "name": "@hub/$name",
  "version": "0.1.0",
  "private": true,
  "main": "src/index.ts"
}
JSON
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": ["scope:$scope", "type:$type"],
  "targets": { "build": {}, "lint": {}, "test": {}, "test-int": {} }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts"]
}
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "noEmit": true, "types": ["node"] },
  "exclude": ["src/**/*.spec.ts", "src/**/*.int-spec.ts", "src/**/*.e2e-spec.ts"]
}
JSON
echo "module.exports = require('../../jest.preset.cjs').forProject(__dirname);" > "$dir/jest.config.cjs"
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
