# One image recipe for every ProDvor service: docker build --build-arg SERVICE=team -f infra/docker/service.Dockerfile .
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV PRISMA_SKIP_POSTINSTALL_GENERATE=1 PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1
COPY package.json package-lock.json ./
COPY packages/platform/package.json packages/platform/
COPY packages/contracts/package.json packages/contracts/
COPY packages/testing/package.json packages/testing/
COPY infra/local/package.json infra/local/
COPY services/user/package.json services/user/
COPY services/team/package.json services/team/
COPY services/tournament/package.json services/tournament/
COPY services/chat/package.json services/chat/
COPY services/storage/package.json services/storage/
COPY services/ai/package.json services/ai/
RUN npm ci --no-audit --no-fund

FROM deps AS build
ARG SERVICE
COPY . .
RUN npx turbo run build --filter=@prodvor/${SERVICE}-service... \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ARG SERVICE
ENV NODE_ENV=production SERVICE=${SERVICE}
# storage probes videos and cuts their poster frames with ffprobe/ffmpeg; no other service needs them.
RUN if [ "$SERVICE" = "storage" ]; then \
      apt-get update -qq && apt-get install -y -qq --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/packages/platform/package.json ./packages/platform/
COPY --from=build --chown=node:node /app/packages/platform/dist ./packages/platform/dist
COPY --from=build --chown=node:node /app/packages/contracts/package.json ./packages/contracts/
COPY --from=build --chown=node:node /app/packages/contracts/dist ./packages/contracts/dist
COPY --from=build --chown=node:node /app/services/${SERVICE}/package.json ./services/${SERVICE}/
COPY --from=build --chown=node:node /app/services/${SERVICE}/dist ./services/${SERVICE}/dist
COPY --from=build --chown=node:node /app/services/${SERVICE}/prisma ./services/${SERVICE}/prisma
# compose's kafka-init provisions the topics with this image (node infra/kafka/provision-topics.mjs).
COPY --from=build --chown=node:node /app/infra/kafka ./infra/kafka
# compose's kong-keys renders Kong's configuration with it (node infra/gateway/render-kong.mjs) into the
# volume mounted on /app/kong, which a new volume takes (owner included) from this directory.
COPY --from=build --chown=node:node /app/infra/gateway ./infra/gateway
RUN install -d -o node -g node /app/kong
USER node
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations first (offline runner, Prisma-compatible history), then the service.
CMD ["sh", "-c", "node packages/platform/dist/prisma/migrate-cli.js services/$SERVICE/prisma/migrations && exec node services/$SERVICE/dist/main.js"]
