// One log line and one histogram sample per request: method, route pattern (not the raw path:
// no ids or indices in labels; handlers without an Express route set res.locals.routeLabel),
// status, latency, and the caller's org and role when authenticated.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import type { GatewayMetrics } from './metrics.js';

export function requestLog(logger: Logger, metrics: GatewayMetrics): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const routePath = (req.route as { path?: unknown } | undefined)?.path;
      const label: unknown = res.locals['routeLabel'];
      const route = typeof label === 'string' ? label : typeof routePath === 'string' ? `${req.baseUrl}${routePath}` : 'unmatched';
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      if (!logger.isLevelEnabled('info')) return;
      const p = res.locals['principal'] as Principal | undefined;
      logger.info(
        { method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1e4) / 10, org: p?.org, role: p?.role },
        'request',
      );
    });
    next();
  };
}
