# Systems Leadership Canvas host: the web client and the relay on one port, workshops in /data.
# For a deployment on the internet use compose.yaml (the host behind Caddy); on its own:
#   docker build -t slc-host .            (podman: podman build --format docker -t slc-host . keeps HEALTHCHECK)
#   docker run -d -p 127.0.0.1:8080:8080 -v slc-data:/data -e SLC_HOST_KEY="$(openssl rand -hex 32)" slc-host
# Extra arguments go to serve.js: `--trust-proxy` only when a reverse proxy is the one thing that
# reaches the port (publish it on 127.0.0.1, or not at all), or `--tls-cert /certs/fullchain.pem
# --tls-key /certs/privkey.pem` with the certificates mounted to serve HTTPS itself.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# The desktop app's Electron binary is not needed to build the host.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
# SLC_IN_CONTAINER: the start-up log then does not tell people to open 127.0.0.1 (set SLC_PUBLIC_URL to name the real address).
ENV NODE_ENV=production SLC_PORT=8080 SLC_IN_CONTAINER=1
WORKDIR /app
# The relay is one esbuild bundle: it needs no node_modules at run time.
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/renderer ./dist/renderer
COPY --from=build /app/scripts/healthcheck.mjs ./scripts/healthcheck.mjs
# A consistent copy of /data while the host runs (README "Backups").
COPY --from=build /app/scripts/backup-data.mjs ./scripts/backup-data.mjs
# The image's "node" user (uid 1000) owns only the data folder; the code stays read-only to it.
RUN mkdir /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/server/serve.js", "--host", "0.0.0.0", "--port", "8080", "--data", "/data"]
CMD []
