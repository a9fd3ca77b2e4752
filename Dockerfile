# syntax=docker/dockerfile:1

# Plenary API image.
#   docker build -t plenary-api .
#   docker run --rm -p 3000:3000 \
#     -e MONGODB_URI=mongodb://HOST:27017/plenary -e REDIS_URL=redis://HOST:6379 \
#     -e JWT_ACCESS_SECRET="$(openssl rand -base64 48)" \
#     -e JWT_REFRESH_SECRET="$(openssl rand -base64 48)" \
#     plenary-api
# or use docker-compose.yml (API + MongoDB + Redis).

# ---- build: install everything, compile, then drop dev dependencies ----------
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV CI=true \
    MONGOMS_DISABLE_POSTINSTALL=1 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false

COPY package.json package-lock.json .npmrc* ./
RUN npm ci

COPY . .
RUN npm run build \
 && npm prune --omit=dev \
 && npm cache clean --force

# ---- runtime -----------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# DATA_DIR (default .data) must be writable when MONGODB_URI is not set.
RUN mkdir -p /app/.data && chown node:node /app/.data

USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
