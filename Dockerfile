# One image for every service of the hub: the gateway, each regional subgraph, the councils
# subgraph and the database commands. The services run from their TypeScript sources through
# tools/register.js (SWC, which keeps the decorator metadata type-graphql and MikroORM read),
# so there is no build step: the image holds the sources and the production dependencies
# (@swc-node/register and @swc/core are among them).
#
#   docker build -t sundhedsklynger-hub:0.1.0 .
#   docker run sundhedsklynger-hub:0.1.0                                     # the gateway (CMD)
#   docker run sundhedsklynger-hub:0.1.0 services/regional/main.ts nordjylland
#   docker run sundhedsklynger-hub:0.1.0 services/councils/main.ts
#   docker run sundhedsklynger-hub:0.1.0 scripts/db.ts migrate nordjylland  # npm run db:migrate -- nordjylland
#
# deploy/ runs it on Kubernetes; docs/DEPLOYMENT.md lists the variables.

ARG NODE_IMAGE=node:20.20-bookworm-slim

# Production dependencies only, exactly as the lockfile pins them. `npm install`, not
# `npm ci`: the lockfile lacks @swc/core's binaries for other platforms (see .ci/run).
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY tools/register.js tools/transpile-cache.js ./tools/
COPY platform ./platform
COPY schema ./schema
COPY services ./services
COPY gateway ./gateway
COPY scripts ./scripts
# The image's own user (uid 1000), never root; it owns nothing it runs.
USER node
# The default ports of the registry (schema/contract/registry.ts): gateway, nordjylland, syddanmark, councils.
EXPOSE 4000 4001 4002 4003
ENTRYPOINT ["node", "-r", "./tools/register.js"]
CMD ["gateway/main.ts"]
