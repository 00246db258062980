import { basename, join } from 'node:path';
import { build, type OutputFile } from 'esbuild';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createProblem, sendProblem } from './problem.ts';

export interface WebAssetsOptions {
  /**
   * 'on-start' bundles while the app is built, so a broken web app stops the server starting
   * and the first page is fast; 'on-first-request' spares suites that never load a page.
   */
  readonly bundle: 'on-start' | 'on-first-request';
}

interface WebAsset {
  readonly body: Uint8Array;
  readonly contentType: string;
}

/** The bundled web app, held in memory: hashed assets plus the page that loads them. */
export interface WebBundle {
  readonly indexHtml: string;
  readonly assets: ReadonlyMap<string, WebAsset>;
}

const webFolder = join(import.meta.dirname, '../web');
const assetPrefix = '/assets/';

// Hashed names change whenever content does, so browsers may keep each file for a year;
// index.html is revalidated on every load so it always names the current files.
const immutable = 'public, max-age=31536000, immutable';
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // Letter previews are PDFs fetched by the page and shown in a frame from a blob: URL.
  "frame-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Bundles src/web with esbuild into memory: nothing is written to disk, no build step. */
export async function bundleWebApp(): Promise<WebBundle> {
  const result = await build({
    entryPoints: [join(webFolder, 'main.tsx')],
    bundle: true,
    write: false,
    outdir: join(webFolder, 'dist'),
    entryNames: '[name]-[hash]',
    format: 'esm',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, WebAsset>();
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    assets.set(name, { body: file.contents, contentType: contentTypeOf(file) });
  }
  return { indexHtml: writeIndexHtml([...assets.keys()]), assets };
}

function contentTypeOf(file: OutputFile): string {
  const extension = file.path.slice(file.path.lastIndexOf('.'));
  return contentTypes[extension] ?? 'application/octet-stream';
}

function writeIndexHtml(names: readonly string[]): string {
  const script = names.find((name) => name.endsWith('.js'));
  const stylesheet = names.find((name) => name.endsWith('.css'));
  if (script === undefined || stylesheet === undefined) {
    throw new Error('the web bundle has no script or stylesheet');
  }
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Rollcall</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${assetPrefix}${stylesheet}">
    <script type="module" src="${assetPrefix}${script}"></script>
  </head>
  <body>
    <noscript>Rollcall needs JavaScript. Turn it on in your browser's settings and reload this page.</noscript>
    <div id="app"></div>
  </body>
</html>
`;
}

/**
 * Serves the web app: /assets/* from the in-memory bundle, and index.html for every other
 * GET outside /api so that addresses like /registers/12 load the app, which then routes.
 */
export async function registerWebAssets(
  app: FastifyInstance,
  options: WebAssetsOptions,
): Promise<void> {
  let bundling: Promise<WebBundle> | null = null;
  const loadBundle = (): Promise<WebBundle> => {
    bundling ??= bundleWebApp().catch((error: unknown) => {
      // Forget a failure so the next request tries again rather than failing for ever.
      bundling = null;
      throw error;
    });
    return bundling;
  };
  if (options.bundle === 'on-start') await loadBundle();

  app.get('/assets/:name', { schema: { hide: true } }, async (request, reply) => {
    const { name } = request.params as { name: string };
    const asset = (await loadBundle()).assets.get(name);
    if (asset === undefined) {
      return sendProblem(
        reply,
        createProblem(
          'not-found',
          'There is no such file; reload the page to get the current app.',
        ),
      );
    }
    return reply
      .header('cache-control', immutable)
      .header('x-content-type-options', 'nosniff')
      .type(asset.contentType)
      .send(asset.body);
  });

  const sendIndex = async (url: string, reply: FastifyReply): Promise<FastifyReply> => {
    if (url === '/api' || url.startsWith('/api/')) {
      // Unknown API paths keep their problem response; only pages fall back to the app.
      reply.callNotFound();
      return reply;
    }
    const { indexHtml } = await loadBundle();
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', contentSecurityPolicy)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(indexHtml);
  };
  app.get('/', { schema: { hide: true } }, (request, reply) => sendIndex(request.url, reply));
  app.get('/*', { schema: { hide: true } }, (request, reply) => sendIndex(request.url, reply));
}
