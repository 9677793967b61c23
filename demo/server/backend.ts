import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import SocketIO from 'socket.io';
import { TokenIssuer } from './auth/token-issuer.js';
import { registerDemoRoutes } from './demo-routes.js';
import { applyCors } from './http/cors.js';
import { notFound } from './http/errors.js';
import { Router, respondToError } from './http/router.js';
import { serveStatic } from './http/static-files.js';
import type { BackendOptions, ServiceContext, ServiceHandle } from './service-context.js';
import { registerSpaces } from './spaces/index.js';
import { registerCcaas } from './ccaas/index.js';
import { registerPubSub } from './pubsub/index.js';

/** A running backend. */
export interface Backend {
  /** `http://host:port` it listens on. */
  readonly url: string;
  readonly port: number;
  /** Runs a test control of a service (`spaces`, `ccaas`, `pubsub`) or of the backend (`backend`). */
  command(service: string, name: string, payload?: unknown): Promise<unknown>;
  /** Stops listening and cuts every connection, keeping all state: the service looks unreachable. */
  suspend(): Promise<void>;
  /** Listens again on the same port after `suspend`. */
  resume(): Promise<void>;
  /** Stops everything. */
  close(): Promise<void>;
}

/** Starts the embedded Avaya-compatible backend. */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const router = new Router();
  const issuer = new TokenIssuer(loadSecret(options.dataDir));
  const server = createServer();
  const io = SocketIO(server, { serveClient: false, transports: ['websocket', 'polling'] });
  const ctx: ServiceContext = { router, io, issuer, options };

  registerDemoRoutes(router, issuer);
  const services: Record<string, ServiceHandle> = {
    spaces: registerSpaces(ctx),
    ccaas: registerCcaas(ctx),
    pubsub: registerPubSub(ctx),
  };

  const connections = new Set<Socket>();
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handleRequest(req, res, router, options);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const port = await listen(options.port);
  const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;

  const cutConnections = () => {
    for (const socket of connections) socket.destroy();
  };
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    url,
    port,
    async command(service, name, payload) {
      const handler = services[service]?.commands?.[name];
      if (!handler) throw new Error(`unknown backend command ${service}.${name}`);
      return handler(payload);
    },
    async suspend() {
      const closed = stopListening();
      cutConnections();
      await closed;
    },
    async resume() {
      await listen(port);
    },
    async close() {
      for (const service of Object.values(services)) service.close();
      io.close();
      const closed = server.listening ? stopListening() : Promise.resolve();
      cutConnections();
      await closed;
    },
  };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, router: Router, options: BackendOptions): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://backend.local');
  } catch {
    res.writeHead(400).end();
    return;
  }
  try {
    if (url.pathname.startsWith('/socket.io/')) return; // socket.io answers these itself
    if (applyCors(req, res)) return;
    if (await router.handle(req, res, url)) return;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (options.cdnRoot && url.pathname.startsWith('/cdn/') && (await serveStatic(res, options.cdnRoot, url.pathname.slice(5)))) return;
      if (options.demoRoot && (await serveStatic(res, options.demoRoot, url.pathname, ['server']))) return;
    }
    throw notFound(`nothing at ${req.method} ${url.pathname}`);
  } catch (error) {
    respondToError(res, error, url.pathname);
  }
}

/** A persisted backend keeps its signing key so the tokens it issued before a restart stay valid. */
function loadSecret(dataDir: string | undefined): Uint8Array | undefined {
  if (!dataDir) return undefined;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'signing-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('base64'), { mode: 0o600 });
  return secret;
}
