# One image for the web app, the worker and the local hub (the command differs per service).
# node:20-bookworm ships git, which the local hub uses for real commits.
FROM node:20-bookworm
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
EXPOSE 3000 7860
CMD ["npm", "run", "start"]
