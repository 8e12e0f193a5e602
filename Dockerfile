# Systems Leadership Canvas host: the web client and the relay on one port, workshops in /data.
#   docker build -t slc-host .
#   docker run -d -p 8080:8080 -v slc-data:/data -e SLC_HOST_KEY="$(openssl rand -hex 32)" slc-host
# Extra arguments go to serve.js: e.g. `... slc-host --trust-proxy` behind a reverse proxy, or
# `--tls-cert /certs/fullchain.pem --tls-key /certs/privkey.pem` with the certificates mounted.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# The desktop app's Electron binary is not needed to build the host.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production SLC_PORT=8080
WORKDIR /app
# The relay is one esbuild bundle: it needs no node_modules at run time.
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/renderer ./dist/renderer
COPY --from=build /app/scripts/healthcheck.mjs ./scripts/healthcheck.mjs
# The image's "node" user (uid 1000) owns only the data folder; the code stays read-only to it.
RUN mkdir /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/server/serve.js", "--host", "0.0.0.0", "--port", "8080", "--data", "/data"]
CMD []
