/** `GET /docs/errors`: the page every `doc_url` points into, one anchor per code. */
import type { FastifyPluginAsync } from 'fastify';
import type { ErrorCode } from '../../src/sdk/types.js';
import { ERROR_DESCRIPTIONS, ERROR_STATUS } from '../errors.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderErrorsPage(): string {
  const rows = (Object.keys(ERROR_STATUS) as ErrorCode[])
    .map(
      (code) =>
        `<section id="${code}"><h2><a href="#${code}">${code}</a> <small>${ERROR_STATUS[code]}</small></h2>` +
        `<p>${escapeHtml(ERROR_DESCRIPTIONS[code])}</p></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>poolse errors</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}small{color:#666}</style>
</head><body><h1>poolse API errors</h1>
<p>Every error answer is <code>{"error": {"code", "message", "doc_url", "details"?}}</code>.</p>
${rows}
</body></html>`;
}

/** The error reference page and the health check (outside `/v1`). */
export const docsRoutes: FastifyPluginAsync = async (app) => {
  const page = renderErrorsPage();
  app.get('/docs/errors', async (_request, reply) => {
    return reply.type('text/html; charset=utf-8').send(page);
  });
  app.get('/health', async () => ({ status: 'ok' }));
};
