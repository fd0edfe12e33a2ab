// What a team deploys the generated project with: a Dockerfile that compiles src/ to dist/ in a
// build stage and runs `node dist/scheduler.js` as a non-root user, so SIGTERM reaches the
// scheduler itself (no npm or tsx in between) and it drains and exits 0.
import type { EmittedModule } from "../core/module-text.js";

const DOCKERFILE = `# The scheduler, compiled: docker build -t app . && docker run --env-file .env app
# npm ci needs package-lock.json: run npm install once and commit the lock file.
# Tables: docker run --env-file .env app node dist/migrate.js
# One task now: docker run --env-file .env app node dist/run-task.js <name>

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production
# The default SQLite database lives in a volume the app's user owns; set DATABASE_URL for PostgreSQL.
ENV SQLITE_FILE=/data/data.sqlite
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
# Node is the container's main process: SIGTERM (docker stop) reaches the scheduler,
# which stops ticking, waits for running tasks and exits 0.
CMD ["node", "--enable-source-maps", "dist/scheduler.js"]
`;

const DOCKERIGNORE = `node_modules
dist
.env
*.sqlite
*.sqlite-journal
storage
.git
`;

export function deployment(): EmittedModule[] {
  return [
    { path: "Dockerfile", text: DOCKERFILE },
    { path: ".dockerignore", text: DOCKERIGNORE },
  ];
}
