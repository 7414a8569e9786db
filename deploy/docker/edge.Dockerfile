# syntax=docker/dockerfile:1
# HLS edge (nginx caching proxy) and the ingest pods' control sidecar: one small image, the role
# chosen by NGINX_ENVSUBST_TEMPLATE_DIR. Build from the repository root:
# docker build -f deploy/docker/edge.Dockerfile -t lait/edge .
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-alpine

# Renders both roles with sample values and runs `nginx -t` on each: a broken template fails the build.
FROM ${NGINX_IMAGE} AS check
USER root
COPY deploy/edge/edge-templates/ /etc/lait/edge-templates/
COPY deploy/edge/control-templates/ /etc/lait/control-templates/
RUN for role in edge control; do \
      rm -f /etc/nginx/conf.d/*.conf; \
      for t in /etc/lait/$role-templates/*.template; do \
        NGINX_RESOLVER=127.0.0.1 EDGE_INGEST_DOMAIN=ingest.lait.svc.cluster.local EDGE_INGEST_PORT=8080 EDGE_DEFAULT_ORIGIN=http://127.0.0.1:8080 \
        EDGE_CACHE_SIZE=1g NGINX_CONTROL_PORT=8081 \
        envsubst '$NGINX_RESOLVER $EDGE_INGEST_DOMAIN $EDGE_INGEST_PORT $EDGE_DEFAULT_ORIGIN $EDGE_CACHE_SIZE $NGINX_CONTROL_PORT' < "$t" > "/etc/nginx/conf.d/$(basename "$t" .template)"; \
      done; \
      nginx -t || exit 1; \
    done; \
    rm -f /etc/nginx/conf.d/*.conf && touch /etc/lait/checked

FROM ${NGINX_IMAGE}
USER root
RUN rm -f /etc/nginx/conf.d/default.conf && mkdir -p /var/cache/nginx/hls && chown -R 101:101 /var/cache/nginx /etc/nginx/conf.d
COPY --from=check /etc/lait/ /etc/lait/
ENV NGINX_ENVSUBST_TEMPLATE_DIR=/etc/lait/edge-templates \
    NGINX_RESOLVER=kube-dns.kube-system.svc.cluster.local \
    EDGE_INGEST_DOMAIN=ingest.lait.svc.cluster.local \
    EDGE_INGEST_PORT=8080 \
    EDGE_DEFAULT_ORIGIN=http://ingest-0.ingest.lait.svc.cluster.local:8080 \
    EDGE_CACHE_SIZE=2g \
    NGINX_CONTROL_PORT=8081 \
    NGINX_ENVSUBST_FILTER=^(NGINX_RESOLVER|EDGE_|NGINX_CONTROL_PORT)
# uid 101 is the image's `nginx` user.
USER 101
EXPOSE 8080
