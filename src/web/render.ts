import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** The one way to send a page: render the component tree, escaped by default, as HTML. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const html = '<!doctype html>' + renderToString(page);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
