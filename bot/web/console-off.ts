/**
 * /admin when ADMIN_TOKEN is unset: instead of a bare 404, say that the console exists and how to turn it on.
 */
import type { FastifyPluginAsync } from 'fastify';

const HOW =
  'The content console is off because ADMIN_TOKEN is not set. Set ADMIN_TOKEN (at least 16 characters, ' +
  'e.g. `openssl rand -hex 24`) in the environment or in .env, restart with `npm start`, then open /admin.';

export const consoleOffPlugin: FastifyPluginAsync = async (app) => {
  const reply404 = { code: 'E_CONSOLE_OFF', message: HOW };
  for (const url of ['/admin', '/admin/*']) {
    app.all(url, { schema: { hide: true } }, async (req, reply) => {
      if ((req.headers.accept ?? '').includes('text/html')) {
        return reply.code(404).type('text/plain; charset=utf-8').send(`${HOW}\n`);
      }
      return reply.code(404).send(reply404);
    });
  }
};
