# syntax=docker/dockerfile:1
# Ingest node: nginx-rtmp (RTMP in, HLS out) supervised by Lait's nginx-rtmp CLI, with ffmpeg for
# the transcoders. Build from the repository root: docker build -f deploy/docker/ingest.Dockerfile -t lait/ingest .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
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
# The root brings TypeScript; nginx-rtmp itself has no runtime dependency.
RUN npm ci -w @lait/nginx-rtmp --include-workspace-root
COPY nginx-rtmp nginx-rtmp
RUN npm run build -w @lait/nginx-rtmp

FROM ${NODE_IMAGE}
RUN apt-get update && apt-get install -y --no-install-recommends nginx libnginx-mod-rtmp ffmpeg tini \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \
 && mkdir -p /var/lib/lait-ingest/hls && chown -R node:node /var/lib/lait-ingest
WORKDIR /app
# The CLI needs no runtime dependency beyond Node itself.
COPY --from=build /src/nginx-rtmp/package.json /src/nginx-rtmp/nginx.conf.template nginx-rtmp/
COPY --from=build /src/nginx-rtmp/dist nginx-rtmp/dist
# Not root: nginx's master runs as `node`, so no worker account is needed (ports are all above 1024).
USER node
ENV LAIT_NOTIFY_URL=http://api:3000 RTMP_PORT=1935 HLS_PORT=8080 NGINX_CONTROL_PORT=8081
EXPOSE 1935 8080
ENTRYPOINT ["/usr/bin/tini", "--"]
# RTMP_NOTIFY_SECRET comes from the environment (never argv: ps shows argv).
CMD ["sh", "-c", "exec node nginx-rtmp/dist/cli.js --notify-url \"$LAIT_NOTIFY_URL\" --rtmp-port \"$RTMP_PORT\" --hls-port \"$HLS_PORT\" --control-port \"$NGINX_CONTROL_PORT\" --work-dir /var/lib/lait-ingest --hls-dir /var/lib/lait-ingest/hls"]
