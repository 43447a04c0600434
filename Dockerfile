# syntax=docker/dockerfile:1.12
#
# One image per hub app; the build argument APP selects it:
#   docker build --build-arg APP=ingress -t erp-hub/ingress:0.1.0 .
# APP is one of ingress, connector-odoo, connector-http, connector-business-central,
# connector-sap, connector-dynamics-finance, retry-scheduler, dlq-reviewer, erp-simulator,
# or deploy-tools (the `topics` command: `node topics.js`; the `migrate` command:
# `node migrate.js [<app>…]`, every app's Postgres migrations, run once per release).
#
# Stages: build (npm ci with a cache mount, then an esbuild bundle of only APP's import
# graph: tools/deploy/src/bundle.ts) → deps (only the npm packages the bundle imports,
# production only, at the versions of package-lock.json) → runtime (Node LTS slim, the
# bundle, those node_modules, non-root, NODE_ENV=production).
#
# Probes: HEALTHCHECK runs healthcheck.js (GET /healthz on the app's admin port variable when
# it has one, else on its port variable). The ingress and the DLQ reviewer serve the probes
# and /metrics (the ingress also /docs) on their admin port, 9090 by default here
# (INGRESS_ADMIN_PORT, DLQ_REVIEWER_ADMIN_PORT; the other apps ignore them), and answer 404
# for them on their public port; production mode refuses an ingress without one. On
# Kubernetes the Deployment's liveness probe is GET /healthz and readiness GET /readyz on
# that port (k8s/base); Kubernetes ignores HEALTHCHECK.
#
# Signals: CMD is the exec form, so node is PID 1 and receives SIGTERM itself; every app
# installs SIGTERM/SIGINT handlers (@hub/service-main runService) that stop consuming,
# finish the in-flight batch, commit its offsets, close Kafka and Postgres and exit 0. Keep
# the drain below terminationGracePeriodSeconds (60 s in k8s/base). No shell, no init: the
# apps spawn no child processes, so there are no zombies to reap.
#
# No secrets here: nothing secret is passed as ARG or set as ENV; secrets come at run time
# from the environment (Kubernetes Secrets, compose env files).

ARG APP=ingress

FROM node:24.11.1-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json nx.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts --no-audit --no-fund
ARG APP
RUN npx tsx tools/deploy/src/bundle-cli.ts "$APP"

FROM node:24.11.1-bookworm-slim AS deps
WORKDIR /deps
ARG APP
COPY --from=build /src/dist/apps/${APP}/package.json ./package.json
COPY package-lock.json ./package-lock.json
# The lock file pins the versions; only the packages the bundle imports are installed.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm install --omit=dev --ignore-scripts --no-audit --no-fund \
    && rm -f package-lock.json

FROM node:24.11.1-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production \
    OWNERSHIP_POLICY_PATH=/opt/hub/policies/default.yaml \
    INGRESS_ADMIN_PORT=9090 \
    DLQ_REVIEWER_ADMIN_PORT=9090
LABEL org.opencontainers.image.title="erp-integration-hub ${APP}" \
      org.opencontainers.image.source="https://github.com/erp-integration-hub/erp-integration-hub" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /opt/hub/app
COPY --from=deps /deps/node_modules ./node_modules
COPY --from=build /src/dist/apps/${APP}/ ./
COPY --from=build /src/dist/apps/policies/default.yaml /opt/hub/policies/default.yaml
# The image's "node" user (uid 1000), numeric so Kubernetes' runAsNonRoot can check it.
USER 1000:1000
EXPOSE 3000 9090
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["node", "healthcheck.js"]
CMD ["node", "--enable-source-maps", "main.js"]
