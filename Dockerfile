# One image for every Node.js service in docker-compose.yml: the subgraph (default command), the gateway
# (deploy/gateway.mjs) and the vendor sandboxes (dist/src/sandbox/main.js).
# Two stages: `build` has the dev toolchain and compiles; the runtime stage gets production dependencies only and
# what runs: dist/src, the playground bundle and its example operations, the PGlite template, deploy/.
# `node dist/scripts/check-production.js` (run by .ci/run) performs the runtime stage's steps in a temporary folder
# and starts the result, since CI has no Docker engine; test/deploy/dockerfile.test.ts checks the rest.

# Node.js 24: the LTS line in support (Node.js 20 reached its end of life); .nvmrc names the same line.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped: `prepare` would build before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# Embedded PGlite keeps its files here when DATABASE_URL is unset: the only directory the service writes to.
# Mount a volume on it to keep them (docker run -v recording-data:/data ...).
ENV DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; no scripts (`prepare` builds, and dist/ comes from the build stage).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/playground ./dist/playground
COPY --from=build /app/dist/pglite-template ./dist/pglite-template
COPY schema/operations ./schema/operations
COPY deploy/gateway.mjs deploy/supergraph.graphql ./deploy/
# The code stays root's and read-only; the service runs as `node` and owns only its data directory.
RUN mkdir -p /data && chown node:node /data
USER node
# PORT's default (src/config.ts); docker-compose.yml sets the same.
EXPOSE 4000
# /readyz answers 200 while the database answers. The gateway and the sandbox services run this
# image too and set their own checks in docker-compose.yml.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 4000}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js", "serve"]
