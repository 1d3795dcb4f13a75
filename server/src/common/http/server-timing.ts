import type { FastifyInstance } from 'fastify';

/**
 * `Server-Timing: app;dur=<ms>` (W3C Server Timing) on every answer Fastify sends: the time from
 * the request's arrival in Fastify to its answer being ready to send, as the browser's developer
 * tools and the benchmark read it. It is the server's own work, apart from the network and the
 * client (on a busy machine a client-side clock adds its own scheduling to every figure). On-the-fly
 * compression of a large uncached answer streams after it (a fraction of a millisecond); answers
 * from memory on the lean read path (lean-read.ts) carry none.
 */
export function registerServerTiming(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    done(null, payload);
  });
}
