# One image for every Node.js service in docker-compose.yml: the subgraph (default command), the gateway
# (deploy/gateway.mjs) and the vendor sandboxes (dist/src/sandbox/main.js).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here: `prepare` builds, and the sources are not copied yet. The gateway and the playground
# bundle come from devDependencies, so they are installed too.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
USER node
EXPOSE 4001
CMD ["node", "dist/src/main.js", "serve"]
