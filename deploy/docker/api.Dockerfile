# syntax=docker/dockerfile:1
# API, chat and site: the Fastify server with the built viewer-web beside it.
# Build from the repository root: docker build -f deploy/docker/api.Dockerfile -t lait/api .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# better-sqlite3 and argon2 fall back to a source build when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.base.json turbo.json ./
# Every workspace manifest, so the lockfile matches; only the ones named below are installed.
COPY shared/package.json shared/
COPY nginx-rtmp/package.json nginx-rtmp/
COPY server/package.json server/
COPY viewer-web/package.json viewer-web/
COPY desktop/package.json desktop/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
COPY deploy/package.json deploy/
COPY testkit/package.json testkit/
RUN npm ci -w @lait/shared -w @lait/nginx-rtmp -w @lait/server -w @lait/viewer-web --include-workspace-root
COPY shared shared
COPY nginx-rtmp nginx-rtmp
COPY server server
COPY viewer-web viewer-web
RUN npm run build -w @lait/shared -w @lait/nginx-rtmp -w @lait/server -w @lait/viewer-web \
 && npm prune --omit=dev -w @lait/shared -w @lait/nginx-rtmp -w @lait/server

FROM ${NODE_IMAGE}
# ffmpeg takes the live thumbnails (FFMPEG_PATH); tini reaps it and forwards SIGTERM for the drain.
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg tini && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/lait && chown node:node /var/lib/lait
ENV NODE_ENV=production DATA_DIR=/var/lib/lait PORT=3000
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/shared/package.json shared/
COPY --from=build /src/shared/dist shared/dist
COPY --from=build /src/nginx-rtmp/package.json /src/nginx-rtmp/nginx.conf.template nginx-rtmp/
COPY --from=build /src/nginx-rtmp/dist nginx-rtmp/dist
COPY --from=build /src/server/package.json server/
COPY --from=build /src/server/dist server/dist
COPY --from=build /src/viewer-web/dist viewer-web/dist
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server/dist/server.js"]
